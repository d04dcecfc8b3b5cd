using MyAccount.Domain.Common;
using MyAccount.Domain.Subscriptions;

namespace MyAccount.Tests.Subscriptions;

public sealed class OveragePricingTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(-5, "0")]
    [InlineData(1, "0.001")]
    [InlineData(12_345, "12.345")]
    public void Unit_pricing_is_exact(long units, string expected) =>
        new UnitOverage(0.001m).PriceOf(units).Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(50, "50.00")]
    [InlineData(100, "100.00")]
    [InlineData(150, "125.00")]
    [InlineData(200, "150.00")]
    [InlineData(250, "155.00")]
    public void Graduated_pricing_prices_each_unit_in_its_own_tier(long units, string expected)
    {
        var pricing = new GraduatedOverage([new PriceTier(100, 1.00m), new PriceTier(200, 0.50m), new PriceTier(null, 0.10m)]);
        pricing.PriceOf(units).Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "5.00")]
    [InlineData(100, "5.00")]
    [InlineData(101, "10.00")]
    [InlineData(1000, "50.00")]
    public void Package_pricing_charges_every_started_block(long units, string expected) =>
        new PackageOverage(100, 5.00m).PriceOf(units).Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Pricing_round_trips_through_json_exactly()
    {
        OveragePricing[] all =
        [
            new UnitOverage(0.0015m),
            new GraduatedOverage([new PriceTier(100, 1.00m), new PriceTier(null, 0.125m)]),
            new PackageOverage(1_000, 25.50m),
        ];
        foreach (var pricing in all)
        {
            OveragePricing.FromJson(pricing.ToJson()).Should().Be(pricing);
        }
    }

    [Fact]
    public void Tiers_must_grow_and_only_the_last_is_unbounded()
    {
        var unordered = () => SubscriptionPlan.Create(new Money(0, "USD"), 0, new GraduatedOverage([new PriceTier(200, 1m), new PriceTier(100, 1m), new PriceTier(null, 1m)]));
        var unboundedMiddle = () => SubscriptionPlan.Create(new Money(0, "USD"), 0, new GraduatedOverage([new PriceTier(null, 1m), new PriceTier(100, 1m)]));
        var zeroPackage = () => SubscriptionPlan.Create(new Money(0, "USD"), 0, new PackageOverage(0, 1m));
        unordered.Should().Throw<DomainValidationException>();
        unboundedMiddle.Should().Throw<DomainValidationException>();
        zeroPackage.Should().Throw<DomainValidationException>().Which.Field.Should().Be("overage.packageSize");
    }

    [Fact]
    public void Descriptions_read_naturally()
    {
        new UnitOverage(0.002m).Describe("USD", "requests").Should().Be("USD 0.002 per request");
        new PackageOverage(1_000, 25m).Describe("EUR", "pages").Should().Be("EUR 25.00 per started 1,000 pages");
        new GraduatedOverage([new PriceTier(100, 1m), new PriceTier(null, 0.1m)]).Describe("USD", "lookups")
            .Should().Be("per lookup, graduated — 1–100: USD 1.00; above 100: USD 0.10");
    }
}
