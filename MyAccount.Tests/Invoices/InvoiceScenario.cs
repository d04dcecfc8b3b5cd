using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Invoices;

/// <summary>Two billed months for one account with two products, recipients on file: the invoices the Invoices tab shows.</summary>
public static class InvoiceScenario
{
    public static async Task<AccountId> TwoInvoicesAsync(DomainFixture fixture)
    {
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync("search");
        await scenario.ProductAsync("geo");
        var account = await scenario.AccountAsync("Acme", "search", startsOn: "2026-09-01", fee: "200.00", included: 1_000);
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, account, "geo",
            new SubscriptionPlanInput(50m, 100, new UnitOverage(0.05m)), new DateOnly(2026, 10, 15), null);
        await scenario.UsageAsync(account, "2026-10-05T10:00:00Z", 1_150, type: "query");
        await scenario.UsageAsync(account, "2026-10-06T10:00:00Z", 50, type: "lookup");
        await scenario.UsageAsync(account, "2026-10-20T10:00:00Z", 140, product: "geo", type: "query");
        await using (var db = fixture.CreateDbContext())
        {
            db.InvoiceRecipients.Add(new InvoiceRecipient(account, "billing@acme.com"));
            db.InvoiceRecipients.Add(new InvoiceRecipient(account, "cfo@acme.com"));
            await db.SaveChangesAsync();
        }

        await scenario.RunAsync("2026-10");
        await scenario.RunAsync("2026-11");
        return account;
    }

    public static async Task<string> NumberAsync(DomainFixture fixture, AccountId account, string period)
    {
        await using var db = fixture.CreateDbContext();
        var month = BillingMonth.Parse(period);
        return await db.Invoices.Where(i => i.AccountId == account && i.Year == month.Year && i.Month == month.Month).Select(i => i.Number).SingleAsync();
    }
}
