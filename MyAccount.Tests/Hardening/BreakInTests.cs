using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Api;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Hardening;

/// <summary>The break-in findings, each as the attack that found it: absurd prices, a billing run one account could stop, 500s on bad input.</summary>
public sealed class BreakInTests(OperatorApiFactory app) : IClassFixture<OperatorApiFactory>
{
    private readonly HttpClient _api = app.Operator();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, string json)
    {
        var response = await _api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task<(string Account, string Product)> AccountWithProductAsync()
    {
        var product = $"p{Guid.NewGuid():N}"[..12];
        (await PostAsync("/api/v1/products", $$"""{"code":"{{product}}","name":"Product","unit":"requests","usageTypes":["search"]}""")).Status.Should().Be(HttpStatusCode.Created);
        var account = (await PostAsync("/api/v1/accounts", """{"name":"Break-in test","currency":"USD"}""")).Body!["id"]!.GetValue<string>();
        return (account, product);
    }

    [Theory]
    [InlineData("""{"model":"unit","unitPrice":"79228162514264337593543950335"}""", "200.00", "overage.unitPrice")]
    [InlineData("""{"model":"unit","unitPrice":"1000000.01"}""", "200.00", "overage.unitPrice")]
    [InlineData("""{"model":"unit","unitPrice":"0.00000000001"}""", "200.00", "overage.unitPrice")]
    [InlineData("""{"model":"package","packageSize":1,"packagePrice":"79228162514264337593543950335"}""", "200.00", "overage.packagePrice")]
    [InlineData("""{"model":"package","packageSize":9223372036854775807,"packagePrice":"1.00"}""", "200.00", "overage.packageSize")]
    [InlineData("""{"model":"graduated","tiers":[{"upTo":100,"unitPrice":"79228162514264337593543950335"},{"upTo":null,"unitPrice":"1"}]}""", "200.00", "overage.tiers[0].unitPrice")]
    [InlineData("""{"model":"unit","unitPrice":"0.01"}""", "79228162514264337593543950335", "monthlyFee")]
    [InlineData("""{"model":"unit","unitPrice":"0.01"}""", "1000000000.01", "monthlyFee")]
    public async Task A_price_beyond_what_the_engine_can_bill_is_400_naming_the_field_and_nothing_is_stored(string overage, string fee, string field)
    {
        var (account, product) = await AccountWithProductAsync();
        var (status, body) = await PostAsync($"/api/v1/accounts/{account}/subscriptions",
            $$"""{"productCode":"{{product}}","monthlyFee":"{{fee}}","includedVolume":1000,"overage":{{overage}},"startsOn":"2026-01-01"}""");

        status.Should().Be(HttpStatusCode.BadRequest, body?.ToJsonString());
        body!["errors"]![field].Should().NotBeNull(body.ToJsonString());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var id = new AccountId(Guid.Parse(account));
        (await db.Subscriptions.CountAsync(s => s.AccountId == id)).Should().Be(0);
    }

    [Fact]
    public async Task The_largest_documented_prices_are_accepted()
    {
        var (account, product) = await AccountWithProductAsync();
        var (status, body) = await PostAsync($"/api/v1/accounts/{account}/subscriptions",
            $$"""{"productCode":"{{product}}","monthlyFee":"1000000000.00","includedVolume":1000000000000000,"overage":{"model":"unit","unitPrice":"1000000"},"startsOn":"2026-01-01"}""");
        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
    }

    [Fact]
    public async Task Null_products_on_a_member_is_400()
    {
        var (account, _) = await AccountWithProductAsync();
        var (status, body) = await PostAsync($"/api/v1/accounts/{account}/members", """{"email":"a@b.example.com","products":[null]}""");
        status.Should().Be(HttpStatusCode.BadRequest, body?.ToJsonString());
        body!["errors"]!["products"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("0001-01")]
    [InlineData("9999-12")]
    [InlineData("20261-1")]
    [InlineData("2026-1")]
    public async Task A_period_outside_the_billable_years_is_400(string period)
    {
        var (status, body) = await PostAsync("/api/v1/billing/runs", $$"""{"period":"{{period}}"}""");
        status.Should().Be(HttpStatusCode.BadRequest, body?.ToJsonString());
        body!["errors"]!["period"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_product_name_of_a_million_characters_is_refused()
    {
        var name = new string('x', 1_000_000);
        var (status, body) = await PostAsync("/api/v1/products", $$"""{"code":"huge-name","name":"{{name}}","unit":"requests","usageTypes":["search"]}""");
        status.Should().Be(HttpStatusCode.BadRequest);
        body!["errors"]!["name"].Should().NotBeNull();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.Products.AnyAsync(p => p.Code == "huge-name")).Should().BeFalse();
    }
}

/// <summary>A billing run isolates failures per account: one account whose invoice cannot be computed does not stop the others.</summary>
public sealed class BillingFailureIsolationTests
{
    [Fact]
    public async Task An_account_whose_invoice_overflows_is_skipped_and_reported_while_every_other_account_is_billed_and_a_later_run_bills_it()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var scenario = new BillingScenario(fixture);
        var product = await scenario.ProductAsync();
        var before = await scenario.AccountAsync("Before");
        var bad = await fixture.Get<Domain.Accounts.AccountService>().CreateAccountAsync(BillingScenario.Operator, "Stored before the limits", "USD", null);
        var after = await scenario.AccountAsync("After");
        var month = TestClock.MonthOf(fixture.Clock);
        var previous = month.Previous;

        // A plan stored before input limits existed: its price times any overage overflows what can be billed.
        SubscriptionId badSubscription;
        await using (var db = fixture.CreateDbContext())
        {
            var subscription = new Subscription(bad.Id, product.Id, new SubscriptionPlan(100_00, 1_000, new UnitOverage(decimal.MaxValue)),
                previous.Previous.FirstDay, null, fixture.Clock.GetUtcNow().UtcDateTime);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            badSubscription = subscription.Id;
        }

        await scenario.UsageAsync(bad.Id, previous.FirstDay.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T10:00:00Z", 5_000);
        await scenario.RunAsync(previous.ToString());  // the bad account has no overage yet in its first month: billed
        var result = await scenario.RunAsync(month.ToString());

        result.InvoicesPosted.Should().Be(2);
        result.Failed.Should().ContainSingle().Which.AccountId.Should().Be(bad.Id);
        result.Failed[0].Reason.Should().Contain("beyond what can be billed");
        await using (var db = fixture.CreateDbContext())
        {
            var numbers = await db.Invoices.OrderBy(i => i.SequenceNumber).Select(i => i.SequenceNumber).ToListAsync();
            numbers.Should().Equal(Enumerable.Range(1, numbers.Count).Select(n => (long)n), "no number is used by the invoice that failed");
            (await db.Invoices.CountAsync(i => i.AccountId == bad.Id && i.Year == month.Year && i.Month == month.Month)).Should().Be(0, "no partial invoice");
            (await db.Invoices.CountAsync(i => (i.AccountId == before || i.AccountId == after) && i.Year == month.Year && i.Month == month.Month)).Should().Be(2);

            // The operator fixes the stored plan (as a data migration would): a sane unit price.
            var stored = await db.Subscriptions.SingleAsync(s => s.Id == badSubscription);
            db.Entry(stored).Reference(s => s.Plan).TargetEntry!.Property(p => p.Overage).CurrentValue = new UnitOverage(0.01m);
            await db.SaveChangesAsync();
        }

        var rerun = await scenario.RunAsync(month.ToString());
        rerun.InvoicesPosted.Should().Be(1);
        rerun.Failed.Should().BeEmpty();
        rerun.Posted.Single().AccountId.Should().Be(bad.Id);
        await using (var db = fixture.CreateDbContext())
        {
            var numbers = await db.Invoices.OrderBy(i => i.SequenceNumber).Select(i => i.SequenceNumber).ToListAsync();
            numbers.Should().Equal(Enumerable.Range(1, numbers.Count).Select(n => (long)n), "numbering stays gapless");
        }
    }
}
