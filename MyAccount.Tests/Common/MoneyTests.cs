using MyAccount.Domain.Common;

namespace MyAccount.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0.005", 1)]
    [InlineData("-0.005", -1)]
    [InlineData("0.0049999", 0)]
    [InlineData("2.675", 268)]
    [InlineData("1234.564999", 123456)]
    [InlineData("0.015", 2)]
    public void Rounds_to_cents_half_away_from_zero(string major, long expectedMinor) =>
        Money.FromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currency.Usd).Minor.Should().Be(expectedMinor);

    [Fact]
    public void A_currency_without_minor_units_rounds_to_whole_units() =>
        Money.FromMajor(1234.5m, Currency.Of("JPY")).Should().Be(new Money(1235, "JPY"));

    [Fact]
    public void Summing_a_million_tenth_of_a_cent_lines_loses_nothing()
    {
        // 0.001 per unit × 1,000,000 units is exactly 1,000.00: decimal arithmetic, rounded once.
        var amount = Money.FromMajor(1_000_000 * 0.001m, Currency.Usd);
        amount.Minor.Should().Be(100_000);

        var lines = Enumerable.Range(0, 10_000).Select(_ => new Money(1, "USD"));
        Money.Sum(lines, "USD").Should().Be(new Money(10_000, "USD"));
    }

    [Fact]
    public void Adding_two_currencies_is_refused()
    {
        var act = () => new Money(100, "USD") + new Money(100, "EUR");
        act.Should().Throw<InvalidOperationException>().WithMessage("*USD*EUR*");
    }

    [Fact]
    public void Formats_with_the_currency_code_and_its_minor_digits()
    {
        new Money(123456, "USD").Format().Should().Be("USD 1,234.56");
        new Money(-50, "EUR").Format().Should().Be("EUR -0.50");
        new Money(1500, "JPY").Format().Should().Be("JPY 1,500");
    }

    [Fact]
    public void An_unknown_currency_is_refused_with_a_clear_message()
    {
        var act = () => Currency.Of("XYZ");
        act.Should().Throw<DomainValidationException>().WithMessage("*'XYZ' is not a supported currency*");
    }
}
