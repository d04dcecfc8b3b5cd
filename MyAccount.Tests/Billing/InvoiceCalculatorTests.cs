using MyAccount.Domain.Billing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Billing;

/// <summary>The billing rules, case by case. Each case names the invoice month, the subscription and the usage, and lists every expected line.</summary>
public sealed class InvoiceCalculatorTests
{
    private static readonly ProductId Product = ProductId.New();
    private static readonly BillingMonth November = new(2026, 11);
    private static readonly BillingMonth October = new(2026, 10);
    private static readonly BillingMonth September = new(2026, 9);

    private static BillableSubscription Sub(OveragePricing? overage = null, string starts = "2026-01-01", string? ends = null, long feeMinor = 100_00, long included = 1_000) =>
        new(SubscriptionId.New(), Product, "Search API", "requests", new SubscriptionPlan(feeMinor, included, overage ?? new UnitOverage(0.01m)),
            DateOnly.Parse(starts, System.Globalization.CultureInfo.InvariantCulture), ends is null ? null : DateOnly.Parse(ends, System.Globalization.CultureInfo.InvariantCulture));

    private static IReadOnlyList<(InvoiceLineKind Kind, long Amount)> Bill(BillingMonth period, BillableSubscription subscription,
        Dictionary<BillingMonth, long>? used = null, Dictionary<BillingMonth, BilledAmounts>? billed = null, BillingMonth[]? late = null)
    {
        var input = new AccountBillingInput(period, Currency.Usd, [subscription],
            (used ?? []).ToDictionary(u => (subscription.Id, u.Key), u => u.Value),
            (billed ?? []).ToDictionary(b => (subscription.Id, b.Key), b => b.Value),
            (late ?? []).Select(m => (Product, m)).ToHashSet());
        return InvoiceCalculator.Calculate(input).Select(l => (l.Kind, l.AmountMinor)).ToList();
    }

    private static Dictionary<BillingMonth, BilledAmounts> FullFeePaid(params BillingMonth[] months) =>
        months.ToDictionary(m => m, _ => new BilledAmounts(100_00, 0, 0));

    [Theory]
    [InlineData(1_500, 500)]    // above: 500 units × 0.01
    [InlineData(1_001, 1)]      // one unit above
    [InlineData(1_000, 0)]      // exactly the included volume
    [InlineData(10, 0)]         // below
    [InlineData(0, 0)]          // no usage
    public void November_bills_Novembers_fee_in_advance_and_Octobers_overage_in_arrears(long usedInOctober, long overageMinor)
    {
        var lines = Bill(November, Sub(), used: new() { [October] = usedInOctober }, billed: FullFeePaid(October));
        lines.Should().Equal((InvoiceLineKind.SubscriptionFee, 100_00), (InvoiceLineKind.Overage, overageMinor));
    }

    [Theory]
    [InlineData(100, 100_00)]   // whole first tier at 1.00
    [InlineData(101, 100_50)]   // first unit of the second tier at 0.50
    [InlineData(200, 150_00)]   // whole second tier
    [InlineData(201, 150_10)]   // first unit of the last tier at 0.10
    [InlineData(1_200, 250_00)]
    public void Graduated_overage_prices_each_unit_in_its_tier(long unitsOver, long overageMinor)
    {
        var graduated = new GraduatedOverage([new PriceTier(100, 1.00m), new PriceTier(200, 0.50m), new PriceTier(null, 0.10m)]);
        var lines = Bill(November, Sub(graduated), used: new() { [October] = 1_000 + unitsOver }, billed: FullFeePaid(October));
        lines.Should().ContainSingle(l => l.Kind == InvoiceLineKind.Overage).Which.Amount.Should().Be(overageMinor);
    }

    [Theory]
    [InlineData(1, 5_00)]
    [InlineData(100, 5_00)]
    [InlineData(101, 10_00)]
    [InlineData(200, 10_00)]
    public void Package_overage_charges_each_started_package(long unitsOver, long overageMinor)
    {
        var lines = Bill(November, Sub(new PackageOverage(100, 5.00m)), used: new() { [October] = 1_000 + unitsOver }, billed: FullFeePaid(October));
        lines.Should().ContainSingle(l => l.Kind == InvoiceLineKind.Overage).Which.Amount.Should().Be(overageMinor);
    }

    [Theory]
    [InlineData("0.005", 1, 1)]     // half a cent rounds up
    [InlineData("0.005", 3, 2)]     // 1.5 cents rounds away from zero to 2
    [InlineData("0.0025", 2, 1)]    // exactly half a cent
    [InlineData("0.0049", 1, 0)]    // just under half a cent
    [InlineData("0.001", 12_345, 1_235)] // 12.345 → 12.35
    public void Each_line_is_rounded_to_cents_half_away_from_zero(string unitPrice, long unitsOver, long overageMinor)
    {
        var price = decimal.Parse(unitPrice, System.Globalization.CultureInfo.InvariantCulture);
        var lines = Bill(November, Sub(new UnitOverage(price)), used: new() { [October] = 1_000 + unitsOver }, billed: FullFeePaid(October));
        lines.Should().ContainSingle(l => l.Kind == InvoiceLineKind.Overage).Which.Amount.Should().Be(overageMinor);
    }

    [Fact]
    public void A_mid_month_start_is_charged_for_its_days_on_the_next_invoice_with_a_prorated_allowance()
    {
        // Active October 10–31: 22 of 31 days. Fee 100 × 22/31 = 70.967… → 70.97; allowance 1,000 × 22/31 = 709.67 → 710.
        var lines = Bill(November, Sub(starts: "2026-10-10"), used: new() { [October] = 800 });
        lines.Should().Equal((InvoiceLineKind.SubscriptionFee, 100_00), (InvoiceLineKind.ProrationCharge, 70_97), (InvoiceLineKind.Overage, 90));
    }

    [Fact]
    public void A_mid_month_end_credits_the_days_paid_in_advance_but_not_used()
    {
        // Ends October 21 (exclusive): active 20 of 31 days. Owed 64.516… → 64.52, paid 100.00 → credit −35.48.
        // Allowance 1,000 × 20/31 = 645.16 → 645; 700 used → 55 over → 0.55.
        var lines = Bill(November, Sub(ends: "2026-10-21"), used: new() { [October] = 700 }, billed: FullFeePaid(October));
        lines.Should().Equal((InvoiceLineKind.ProrationCredit, -35_48), (InvoiceLineKind.Overage, 55));
    }

    [Fact]
    public void A_subscription_starting_mid_invoice_month_is_billed_from_the_next_invoice()
    {
        var subscription = Sub(starts: "2026-11-10");
        Bill(November, subscription).Should().BeEmpty();

        // December: fee for December, November 10–30 = 21 of 30 days → 70.00, allowance 700.
        var december = Bill(November.Next, subscription, used: new() { [November] = 750 });
        december.Should().Equal((InvoiceLineKind.SubscriptionFee, 100_00), (InvoiceLineKind.ProrationCharge, 70_00), (InvoiceLineKind.Overage, 50));
    }

    [Fact]
    public void The_first_invoice_of_a_new_account_holds_only_the_fee_in_advance() =>
        Bill(November, Sub(starts: "2026-11-01")).Should().Equal((InvoiceLineKind.SubscriptionFee, 100_00));

    [Fact]
    public void An_ended_subscription_gets_its_last_overage_and_then_nothing()
    {
        var subscription = Sub(ends: "2026-11-01");
        Bill(November, subscription, used: new() { [October] = 1_200 }, billed: FullFeePaid(October))
            .Should().Equal((InvoiceLineKind.Overage, 200));
        Bill(November.Next, subscription, billed: FullFeePaid(October)).Should().BeEmpty();
    }

    [Fact]
    public void Late_usage_bills_the_overage_with_it_minus_the_overage_already_billed()
    {
        // September was billed 200 units over (2.00); 100 more units arrived after that invoice.
        var billed = FullFeePaid(October);
        billed[September] = new BilledAmounts(100_00, 2_00, 200);
        var lines = Bill(November, Sub(), used: new() { [October] = 900, [September] = 1_300 }, billed: billed, late: [September]);

        lines.Should().Equal((InvoiceLineKind.SubscriptionFee, 100_00), (InvoiceLineKind.Overage, 0), (InvoiceLineKind.LateUsageAdjustment, 1_00));
    }

    [Fact]
    public void Late_usage_that_stays_within_the_included_volume_adds_nothing()
    {
        var billed = FullFeePaid(October);
        billed[September] = new BilledAmounts(100_00, 0, 0);
        var lines = Bill(November, Sub(), used: new() { [October] = 900, [September] = 990 }, billed: billed, late: [September]);
        lines.Should().NotContain(l => l.Kind == InvoiceLineKind.LateUsageAdjustment);
    }

    [Fact]
    public void An_end_date_moved_into_an_earlier_paid_month_credits_that_month_too()
    {
        // Paid September and October in advance; the subscription now ends September 16 (15 of 30 days active).
        var lines = Bill(November, Sub(ends: "2026-09-16"), billed: FullFeePaid(September, October));
        lines.Should().Equal((InvoiceLineKind.ProrationCredit, -50_00), (InvoiceLineKind.ProrationCredit, -100_00));
    }

    [Fact]
    public void The_invoice_total_is_the_sum_of_the_rounded_lines()
    {
        // Two products each 0.5 cent over: each line rounds to 1 cent on its own, so the total is 2 cents, not 1.
        var a = Sub(new UnitOverage(0.005m), feeMinor: 0);
        var b = a with { Id = SubscriptionId.New(), ProductId = ProductId.New(), ProductName = "Geocoding" };
        var input = new AccountBillingInput(November, Currency.Usd, [a, b],
            new Dictionary<(SubscriptionId, BillingMonth), long> { [(a.Id, October)] = 1_001, [(b.Id, October)] = 1_001 },
            new Dictionary<(SubscriptionId, BillingMonth), BilledAmounts>(), new HashSet<(ProductId, BillingMonth)>());
        var lines = InvoiceCalculator.Calculate(input);
        var invoice = new Invoice(AccountId.New(), November, 1, "USD", lines, TestClock.Start.UtcDateTime);

        lines.Select(l => l.AmountMinor).Should().Equal(1, 1);
        invoice.TotalMinor.Should().Be(2);
    }

    [Fact]
    public void Lines_say_which_month_they_pay_for()
    {
        var subscription = Sub(starts: "2026-10-10");
        var input = new AccountBillingInput(November, Currency.Usd, [subscription],
            new Dictionary<(SubscriptionId, BillingMonth), long> { [(subscription.Id, October)] = 800 },
            new Dictionary<(SubscriptionId, BillingMonth), BilledAmounts>(), new HashSet<(ProductId, BillingMonth)>());
        var lines = InvoiceCalculator.Calculate(input);

        lines.Select(l => l.Description).Should().Equal(
            "Subscription fee for November 2026, in advance",
            "Fee for Oct 10 – Oct 31, 2026 (22 of 31 days), not billed in advance",
            "Overage for October 2026, in arrears: 800 requests used of 710 included; 90 over, priced USD 0.01 per request");
        lines.Select(l => (l.CoversFrom, l.CoversUntil)).Should().Equal(
            (new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)),
            (new DateOnly(2026, 10, 10), new DateOnly(2026, 11, 1)),
            (new DateOnly(2026, 10, 10), new DateOnly(2026, 11, 1)));
        lines[2].UsedVolume.Should().Be(800);
        lines[2].IncludedVolume.Should().Be(710);
    }
}
