using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Billing;

namespace MyAccount.Tests.Billing;

public sealed class BillingSchedulerTests
{
    private static async Task<List<string>> PeriodsAsync(DomainFixture fixture)
    {
        await using var db = fixture.CreateDbContext();
        return (await db.Invoices.OrderBy(i => i.SequenceNumber).Select(i => new { i.Year, i.Month }).ToListAsync())
            .Select(i => $"{i.Year:D4}-{i.Month:D2}").ToList();
    }

    private static BillingScheduler Scheduler(DomainFixture fixture) =>
        new(fixture.Get<BillingEngine>(), fixture.Get<IDbContextFactory<MyAccountDbContext>>(), fixture.Clock, NullLogger<BillingScheduler>.Instance);

    [Fact]
    public async Task Start_up_catches_up_every_missed_period_in_order()
    {
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        await scenario.AccountAsync("Since August", startsOn: "2026-08-01");
        await scenario.AccountAsync("Since October", startsOn: "2026-10-20");

        await Scheduler(fixture).CatchUpAsync(CancellationToken.None);

        // October's invoice of the second account is empty (nothing active on October 1, nothing owed yet), so there is none.
        (await PeriodsAsync(fixture)).Should().Equal("2026-08", "2026-09", "2026-10", "2026-11", "2026-11");
        await Scheduler(fixture).CatchUpAsync(CancellationToken.None);
        (await PeriodsAsync(fixture)).Should().HaveCount(5, "catching up again changes nothing");
    }

    [Fact]
    public async Task A_month_is_billed_once_it_begins()
    {
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        await scenario.AccountAsync("Acme", startsOn: "2026-11-01");
        var scheduler = Scheduler(fixture);

        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(async () => (await PeriodsAsync(fixture)).Count == 1);
            fixture.Clock.Advance(TimeSpan.FromMinutes(59));
            (await PeriodsAsync(fixture)).Should().Equal("2026-11");

            // Past December 1, 00:00 UTC. (Two hours, not one minute: the scheduler may have read the clock just before the
            // first advance and armed its timer just after it, so its wake-up can be up to that advance late.)
            fixture.Clock.Advance(TimeSpan.FromHours(2));
            await WaitUntilAsync(async () => (await PeriodsAsync(fixture)).Count == 2);
            (await PeriodsAsync(fixture)).Should().Equal("2026-11", "2026-12");
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Polls a condition the background service makes true; fails after 10 s instead of hanging.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the scheduler should have billed by now");
            await Task.Delay(20);
        }
    }
}
