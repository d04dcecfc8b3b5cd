using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Web;

/// <summary>
/// The billing scheduler in the running app, turned on and driven by the test host's fake clock: at start-up it catches up
/// the demo data's whole history, and when the clock reaches the next month it bills that month once.
/// </summary>
public sealed class SchedulerInAppTests
{
    [Fact]
    public async Task The_app_bills_the_demo_history_at_start_up_and_the_next_month_when_it_begins()
    {
        await using var app = new MyAccountAppFactory
        {
            Settings = new() { ["Billing:Scheduler:Enabled"] = "true", ["Billing:InvoiceEmails:Enabled"] = "false", ["Billing:Charging:Enabled"] = "false" },
        };
        _ = app.Server;
        var demo = app.DemoPeriods;

        var expected = Months(demo.FirstMonth, demo.CurrentMonth);
        await Eventually.UntilAsync(async () => (await PeriodsOfAsync(app, "Contoso Ltd")).Count == expected.Count, TimeSpan.FromSeconds(30), "the scheduler should have billed by now");
        (await PeriodsOfAsync(app, "Contoso Ltd")).Should().Equal(expected, "every demo month up to the clock's is billed, in order");

        // To the first instant of the next month: the scheduler wakes and bills it, exactly once.
        var next = demo.CurrentMonth.Next;
        app.Clock.SetUtcNow(next.StartsAt);
        await Eventually.UntilAsync(async () => (await PeriodsOfAsync(app, "Contoso Ltd")).Count == expected.Count + 1, TimeSpan.FromSeconds(30), "the scheduler should have billed by now");
        (await PeriodsOfAsync(app, "Contoso Ltd")).Should().Equal([.. expected, next.ToString()]);
        (await PeriodsOfAsync(app, "Northwind Traders")).Should().EndWith(next.ToString());
    }

    private static List<string> Months(MyAccount.Domain.Invoices.BillingMonth from, MyAccount.Domain.Invoices.BillingMonth to)
    {
        var months = new List<string>();
        for (var m = from; m.CompareTo(to) <= 0; m = m.Next)
        {
            months.Add(m.ToString());
        }

        return months;
    }

    private static async Task<List<string>> PeriodsOfAsync(MyAccountAppFactory app, string account)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var id = (await db.Accounts.SingleAsync(a => a.Name == account)).Id;
        return (await db.Invoices.Where(i => i.AccountId == id).OrderBy(i => i.SequenceNumber).Select(i => new { i.Year, i.Month }).ToListAsync())
            .Select(i => $"{i.Year:D4}-{i.Month:D2}").ToList();
    }
}
