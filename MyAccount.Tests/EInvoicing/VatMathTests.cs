using MyAccount.Domain.Common;
using MyAccount.Domain.Tax;

namespace MyAccount.Tests.EInvoicing;

/// <summary>The one VAT rounding: at invoice level, half away from zero, to the currency's minor unit.</summary>
public sealed class VatMathTests
{
    [Theory]
    [InlineData(10_250, "19", "EUR", 1_948)] // 19.475 → 19.48
    [InlineData(-10_250, "19", "EUR", -1_948)] // a credit rounds away from zero too
    [InlineData(2_006, "19", "EUR", 381)] // 3.8114
    [InlineData(9_999, "20", "EUR", 2_000)] // 19.998
    [InlineData(1_555, "19", "JPY", 295)] // 295.45 yen
    [InlineData(1_550, "19", "JPY", 295)] // 294.5 → 295
    [InlineData(10_000, "25.5", "EUR", 2_550)]
    [InlineData(12_345, "0", "EUR", 0)]
    public void VAT_is_the_net_times_the_rate_rounded_half_away_from_zero(long netMinor, string rate, string currency, long vatMinor) =>
        VatMath.VatMinor(netMinor, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), Currency.Of(currency)).Should().Be(vatMinor);

    [Theory]
    [InlineData(11_900, 10_000)]
    [InlineData(2_387, 2_006)]
    [InlineData(-11_900, -10_000)]
    public void The_net_of_a_gross_amount_gives_that_gross_back(long grossMinor, long netMinor)
    {
        var net = VatMath.NetOfGross(grossMinor, 19m, Currency.Of("EUR"));

        net.Should().Be(netMinor);
        (net + VatMath.VatMinor(net, 19m, Currency.Of("EUR"))).Should().Be(grossMinor);
    }

    [Fact]
    public void A_gross_no_net_reaches_is_approached_from_below()
    {
        // Rounding skips some gross amounts (no net gives them): the net found never credits more than the gross asked, up to 2.00.
        for (var gross = 1L; gross <= 200; gross++)
        {
            var net = VatMath.NetOfGross(gross, 19m, Currency.Of("EUR"));
            (net + VatMath.VatMinor(net, 19m, Currency.Of("EUR"))).Should().BeLessThanOrEqualTo(gross);
        }
    }
}
