using MyAccount.Domain.Access;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Subscriptions;
using MyAccount.Domain.Usage;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Billing;

/// <summary>Drives the real services the way the operator API does: provision, send usage, run billing.</summary>
public sealed class BillingScenario(DomainFixture fixture)
{
    public static readonly OperatorActor Operator = new("test-operator");

    public async Task<Product> ProductAsync(string code = "search") =>
        await fixture.Get<ProductService>().CreateProductAsync(Operator, code, $"{code} product", "requests", ["query", "lookup"]);

    public async Task<AccountId> AccountAsync(string name, string productCode = "search", string startsOn = "2026-01-01", string fee = "100.00", long included = 1_000,
        OveragePricing? overage = null)
    {
        var account = await fixture.Get<AccountService>().CreateAccountAsync(Operator, name, "USD", null);
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(Operator, account.Id, productCode,
            new SubscriptionPlanInput(decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture), included, overage ?? new UnitOverage(0.01m)),
            DateOnly.Parse(startsOn, System.Globalization.CultureInfo.InvariantCulture), null);
        return account.Id;
    }

    public Task<UsageIngestResult> UsageAsync(AccountId account, string at, long quantity, string? id = null, string product = "search", string type = "query") =>
        fixture.Get<UsageIngestionService>().IngestAsync(Operator,
            [new UsageEventInput(id ?? Guid.NewGuid().ToString("N"), account.ToString(), product, type, quantity, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture))]);

    public Task<BillingRunResult> RunAsync(string period, AccountId? account = null) =>
        fixture.Get<BillingEngine>().RunAsync(Operator, BillingMonth.Parse(period), account);

    public async Task<InvoiceDetail> InvoiceAsync(AccountId account, string period)
    {
        var list = await fixture.Get<InvoiceQueries>().ListInvoicesAsync(Operator, account, new PageRequest(1, 200));
        var summary = list.Items.Single(i => i.Period.ToString() == period);
        return await fixture.Get<InvoiceQueries>().GetInvoiceAsync(Operator, summary.Number);
    }
}
