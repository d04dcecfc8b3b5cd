using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Invoices;
using MyAccount.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Two real instances with their billing schedulers on, on one PostgreSQL database: one of them bills at a time (the scheduler
/// lock), each account gets one invoice per period with gapless numbers, and when the billing instance is killed mid-run the
/// other one completes the catch-up. Each instance's clock starts at the suite's start instant, so both bill the demo history.
/// </summary>
[Trait("Provider", "PostgreSQL")]
[Collection(ClusterFactAttribute.Collection)]
public sealed class ClusterBillingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Waiting = "another instance holds the billing lock";
    private const string Posted = "Billing scheduler posted";

    private ClusterDatabase _database = null!;
    private readonly List<AppProcess> _instances = [];

    private static BillingMonth CurrentMonth => BillingMonth.Of(TestClock.Start.UtcDateTime);

    public async Task InitializeAsync()
    {
        if (TestDatabase.IsPostgreSql)
        {
            _database = new ClusterDatabase(await TestDatabase.CreatePostgreSqlAsync());
        }
    }

    [ClusterFact]
    public async Task With_both_schedulers_on_one_instance_bills_and_each_account_gets_one_invoice_per_period()
    {
        // The test holds the lock first, as a third instance would: both instances start, find it taken and bill nothing.
        var held = await _database.HoldSchedulerLockAsync();
        var a = await StartAsync("a");
        var b = await StartAsync("b");
        await a.WaitForOutputAsync(Waiting, TimeSpan.FromSeconds(30));
        await b.WaitForOutputAsync(Waiting, TimeSpan.FromSeconds(30));
        await using (var db = _database.CreateDbContext())
        {
            (await db.Invoices.CountAsync()).Should().Be(0, "neither instance bills while another holds the lock");
        }

        await held.DisposeAsync();
        await WaitUntilBilledAsync();

        await AssertOneInvoicePerAccountAndPeriodWithGaplessNumbersAsync();
        var billers = _instances.Where(i => i.Output.Any(l => l.Contains(Posted, StringComparison.Ordinal))).Select(i => i.Name).ToList();
        output.WriteLine($"Posted by: {string.Join(", ", billers)}");
        billers.Should().ContainSingle("only the lock holder bills; the other finds every period billed when its turn comes");
    }

    [ClusterFact]
    public async Task When_the_billing_instance_is_killed_mid_run_the_other_completes_the_catch_up()
    {
        var held = await _database.HoldSchedulerLockAsync();
        var a = await StartAsync("a");
        var b = await StartAsync("b");
        await a.WaitForOutputAsync(Waiting, TimeSpan.FromSeconds(30));
        await b.WaitForOutputAsync(Waiting, TimeSpan.FromSeconds(30));
        await held.DisposeAsync();

        // Whichever takes the lock is killed right after it posted its first period's invoices.
        await Eventually.UntilAsync(() => Task.FromResult(_instances.Any(i => i.Output.Any(l => l.Contains(Posted, StringComparison.Ordinal)))),
            TimeSpan.FromSeconds(30), "one instance starts billing");
        var victim = _instances.First(i => i.Output.Any(l => l.Contains(Posted, StringComparison.Ordinal)));
        var survivor = _instances.Single(i => i != victim);
        victim.Kill();
        int atKill;
        await using (var db = _database.CreateDbContext())
        {
            atKill = await db.Invoices.CountAsync();
        }

        await WaitUntilBilledAsync();
        int total;
        await using (var db = _database.CreateDbContext())
        {
            total = await db.Invoices.CountAsync();
        }

        output.WriteLine($"{victim.Name} was killed with {atKill} of {total} invoices posted; {survivor.Name} posted the rest.");
        atKill.Should().BeLessThan(total, "the instance was killed during its catch-up (18 months of demo history)");
        survivor.Output.Should().Contain(l => l.Contains(Posted, StringComparison.Ordinal), "the survivor took the lock over and billed");
        await AssertOneInvoicePerAccountAndPeriodWithGaplessNumbersAsync();
    }

    private async Task<AppProcess> StartAsync(string name)
    {
        var instance = await AppProcess.StartAsync(name, ClusterSettings.For(_database.ConnectionString, scheduler: true));
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Every account with invoices has one for the current month, and no instance is billing.</summary>
    private async Task WaitUntilBilledAsync() =>
        await Eventually.UntilAsync(async () =>
        {
            await using var db = _database.CreateDbContext();
            var accounts = await db.Accounts.CountAsync();
            var current = await db.Invoices.Where(i => i.Year == CurrentMonth.Year && i.Month == CurrentMonth.Month).Select(i => i.AccountId).Distinct().CountAsync();
            return current == accounts && !await _database.SchedulerLockHeldAsync();
        }, TimeSpan.FromSeconds(60), "the demo history is billed up to the current month");

    private async Task AssertOneInvoicePerAccountAndPeriodWithGaplessNumbersAsync()
    {
        await using var db = _database.CreateDbContext();
        var invoices = await db.Invoices.AsNoTracking().Select(i => new { i.AccountId, i.Year, i.Month, i.SequenceNumber, i.Number }).ToListAsync();
        var demo = DemoPeriods.For(TestClock.Start.UtcDateTime);
        invoices.GroupBy(i => (i.AccountId, i.Year, i.Month)).Should().OnlyContain(g => g.Count() == 1, "one invoice per account and period");
        invoices.Select(i => i.SequenceNumber).Order().Should().Equal(Enumerable.Range(1, invoices.Count).Select(n => (long)n), "invoice numbers have no gaps");
        invoices.Select(i => new BillingMonth(i.Year, i.Month)).Min().Should().Be(demo.FirstMonth);
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (TestDatabase.IsPostgreSql)
        {
            await TestDatabase.DropAsync(_database.ConnectionString);
        }
    }
}
