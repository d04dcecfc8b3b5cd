using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Invoices;

public sealed class InvoiceQueriesTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;
    private AccountId _acme;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        _acme = await InvoiceScenario.TwoInvoicesAsync(_fixture);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private InvoiceQueries Queries => _fixture.Get<InvoiceQueries>();

    [Fact]
    public async Task Invoices_are_listed_newest_first_and_paged()
    {
        var first = await Queries.ListInvoicesAsync(BillingScenario.Operator, _acme, new PageRequest(1, 1));
        var second = await Queries.ListInvoicesAsync(BillingScenario.Operator, _acme, new PageRequest(2, 1));

        first.TotalCount.Should().Be(2);
        first.Items.Single().Period.Should().Be(new BillingMonth(2026, 11));
        second.Items.Single().Period.Should().Be(new BillingMonth(2026, 10));
    }

    [Fact]
    public async Task The_detail_groups_lines_per_product_with_totals_and_what_changed()
    {
        var invoice = await Queries.GetInvoiceAsync(BillingScenario.Operator, await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-11"));

        invoice.Products.Select(p => (p.ProductCode, p.TotalMinor)).Should().Equal(
            // geo: November fee 50.00 + October 15–31 (17 of 31 days) 27.42 + overage: allowance 55, 140 used → 85 × 0.05 = 4.25.
            ("geo", 50_00L + 27_42L + 4_25L),
            // search: November fee 200.00 + October overage: 1,200 used, 200 over × 0.01 = 2.00.
            ("search", 200_00L + 2_00L));
        invoice.TotalMinor.Should().Be(invoice.Products.Sum(p => p.TotalMinor));
        invoice.Products[0].Changes.Should().Contain("New on this invoice").And.Contain("Proration: a subscription started mid-month");
        invoice.Products[1].Changes.Should().Contain("More overage: USD 2.00 (previous invoice USD 0.00)");
        invoice.PreviousNumber.Should().Be(await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-10"));
    }

    [Fact]
    public async Task The_usage_detail_covers_the_month_before_the_invoice_per_usage_type_and_day()
    {
        var usage = await Queries.GetInvoiceUsageAsync(BillingScenario.Operator, await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-11"));

        usage.UsagePeriod.Should().Be(new BillingMonth(2026, 10));
        var search = usage.Products.Single(p => p.ProductCode == "search");
        search.Total.Should().Be(1_200);
        search.UsageTypes.Select(t => (t.UsageType, t.Total)).Should().BeEquivalentTo([("query", 1_150L), ("lookup", 50L)]);
        search.UsageTypes.Single(t => t.UsageType == "query").Days.Should().Equal(new DailyQuantity(new DateOnly(2026, 10, 5), 1_150));
    }

    [Fact]
    public async Task The_usage_detail_carries_the_included_volume_each_product_was_billed_against()
    {
        var invoiceMonth = TestClock.MonthOf(_fixture.Clock);
        var number = await InvoiceScenario.NumberAsync(_fixture, _acme, invoiceMonth.ToString());

        var usage = await Queries.GetInvoiceUsageAsync(BillingScenario.Operator, number);
        var invoice = await Queries.GetInvoiceAsync(BillingScenario.Operator, number);

        long? BilledAllowance(string product) =>
            invoice.Products.Single(p => p.ProductCode == product).Lines.Single(l => l.Kind == InvoiceLineKind.Overage).IncludedVolume;
        // search: the whole month's 1,000; geo started on the 15th: 100 × 17 of 31 days = 54.8 → 55, as the overage line billed it.
        usage.Products.Select(p => (p.ProductCode, p.IncludedVolume)).Should().BeEquivalentTo(
            [("geo", (long?)55), ("search", (long?)1_000)]);
        usage.Products.Select(p => p.IncludedVolume).Should().Equal(usage.Products.Select(p => BilledAllowance(p.ProductCode)));
    }

    [Fact]
    public async Task A_product_without_included_volume_on_the_invoice_has_none_in_the_usage_detail()
    {
        var invoiceMonth = TestClock.MonthOf(_fixture.Clock);
        var scenario = new BillingScenario(_fixture);
        // search includes nothing; geo starts in the invoice month, so the invoice bills it no usage month at all.
        var account = await scenario.AccountAsync("Initech", "search",
            startsOn: invoiceMonth.Previous.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), included: 0);
        await _fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, account, "geo",
            new SubscriptionPlanInput(50m, 100, new UnitOverage(0.05m)), invoiceMonth.FirstDay, null);
        await scenario.RunAsync(invoiceMonth.ToString(), account);

        var usage = await Queries.GetInvoiceUsageAsync(BillingScenario.Operator, await InvoiceScenario.NumberAsync(_fixture, account, invoiceMonth.ToString()));

        usage.Products.Select(p => p.ProductCode).Should().BeEquivalentTo("geo", "search");
        usage.Products.Should().OnlyContain(p => p.IncludedVolume == null && p.IncludedVolumeUsedUpOn == null);
    }

    [Fact]
    public async Task Another_accounts_member_gets_not_found_for_the_invoice_and_its_usage()
    {
        var now = _fixture.Clock.GetUtcNow().UtcDateTime;
        var other = new Domain.Accounts.Account("Other", Currency.Usd, "Etc/UTC", now);
        var stranger = new Member(other.Id, "stranger@other.com", null, MemberPermissions.All, [], now);
        await using (var db = _fixture.CreateDbContext())
        {
            db.AddRange(other, stranger);
            await db.SaveChangesAsync();
        }

        var number = await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-11");
        var detail = () => Queries.GetInvoiceAsync(TestWorld.ActorFor(stranger), number);
        var usage = () => Queries.GetInvoiceUsageAsync(TestWorld.ActorFor(stranger), number);
        var list = () => Queries.ListInvoicesAsync(TestWorld.ActorFor(stranger), _acme, new PageRequest(1, 10));
        await detail.Should().ThrowAsync<NotFoundException>();
        await usage.Should().ThrowAsync<NotFoundException>();
        await list.Should().ThrowAsync<NotFoundException>();
    }
}
