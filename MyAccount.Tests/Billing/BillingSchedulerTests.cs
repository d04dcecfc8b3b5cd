using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Notifications;
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
        new(fixture.Get<BillingEngine>(), fixture.Get<BillingRunLock>(), fixture.Clock, NullLogger<BillingScheduler>.Instance);

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
        var clock = new TimerWatchingClock(fixture.Clock);
        var scheduler = new BillingScheduler(fixture.Get<BillingEngine>(), fixture.Get<BillingRunLock>(), clock, NullLogger<BillingScheduler>.Instance);

        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            await clock.TimerArmedAsync();
            (await PeriodsAsync(fixture)).Should().Equal("2026-11");
            fixture.Clock.Advance(TimeSpan.FromMinutes(59));
            (await PeriodsAsync(fixture)).Should().Equal("2026-11");

            // One minute later it is December 1, 00:00 UTC: the timer armed for exactly that instant fires.
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.UntilAsync(async () => (await PeriodsAsync(fixture)).Count == 2, TimeSpan.FromSeconds(10), "the scheduler should have billed by now");
            (await PeriodsAsync(fixture)).Should().Equal("2026-11", "2026-12");
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_catch_up_that_runs_past_midnight_on_the_first_bills_the_new_month_at_once()
    {
        // The catch-up starts at 23:59 on November 30 and, while it bills November, the clock passes 00:00 UTC on December 1.
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero));
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        await scenario.AccountAsync("Acme", startsOn: "2026-11-01");
        var midnightPassed = new ClockMovingPublisher(fixture.Clock, TimeSpan.FromMinutes(2));
        var engine = new BillingEngine(fixture.Get<IDbContextFactory<MyAccountDbContext>>(), fixture.Clock, NullLogger<BillingEngine>.Instance, midnightPassed);
        var scheduler = new BillingScheduler(engine, fixture.Get<BillingRunLock>(), fixture.Clock, NullLogger<BillingScheduler>.Instance);

        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            // December has begun by the time November is billed: it is billed without waiting for January (or for the clock to move
            // again). Before the fix the scheduler read the clock after the catch-up and slept until January 1.
            await Eventually.UntilAsync(async () => (await PeriodsAsync(fixture)).Count == 2, TimeSpan.FromSeconds(10), "the scheduler should have billed by now");
            (await PeriodsAsync(fixture)).Should().Equal("2026-11", "2026-12");
            fixture.Clock.GetUtcNow().Should().Be(new DateTimeOffset(2026, 12, 1, 0, 1, 0, TimeSpan.Zero), "nothing advanced the clock but the catch-up");
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Moves the clock once, when the first invoice is posted: time passing while a billing run works.</summary>
    private sealed class ClockMovingPublisher(FakeTimeProvider clock, TimeSpan by) : IAccountEventPublisher
    {
        private int _moved;

        public Task PublishAsync(AccountEvent accountEvent)
        {
            if (accountEvent is InvoicePosted && Interlocked.Exchange(ref _moved, 1) == 0)
            {
                clock.Advance(by);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>The fixture's fake clock, counting the timers armed on it, so a test advances only once the scheduler waits.</summary>
    private sealed class TimerWatchingClock(FakeTimeProvider inner) : TimeProvider
    {
        private readonly SemaphoreSlim _armed = new(0);

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            _armed.Release();
            return timer;
        }

        public async Task TimerArmedAsync() =>
            (await _armed.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("the scheduler should be waiting for the next month");
    }
}
