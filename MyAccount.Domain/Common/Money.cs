using System.Globalization;

namespace MyAccount.Domain.Common;

/// <summary>
/// An exact amount of money: integer minor units (cents) of one currency. Arithmetic that can produce
/// fractions of a minor unit is done in <see cref="decimal"/> and rounded in one place,
/// <see cref="FromMajor"/>, half away from zero.
/// </summary>
public readonly record struct Money(long Minor, string CurrencyCode)
{
    public static Money Zero(string currencyCode) => new(0, currencyCode);

    public Currency Currency => Currency.Of(CurrencyCode);

    /// <summary>The amount in major units (dollars), exact.</summary>
    public decimal Major => Minor / (decimal)Currency.MinorPerMajor;

    /// <summary>Rounds an exact decimal amount of major units to minor units, half away from zero.</summary>
    public static Money FromMajor(decimal major, Currency currency)
    {
        var minor = Math.Round(major * currency.MinorPerMajor, 0, MidpointRounding.AwayFromZero);
        return new Money(checked((long)minor), currency.Code);
    }

    public static Money operator +(Money left, Money right) => new(checked(left.Minor + right.Minor), SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(checked(left.Minor - right.Minor), SameCurrency(left, right));

    public static Money operator -(Money value) => value with { Minor = checked(-value.Minor) };

    public static Money Sum(IEnumerable<Money> amounts, string currencyCode) =>
        amounts.Aggregate(Zero(currencyCode), (total, next) => total + next);

    /// <summary>Formats as the currency code and amount, e.g. "USD 1,234.50" (culture-invariant digits).</summary>
    public string Format(IFormatProvider? culture = null)
    {
        var digits = Currency.Digits;
        var text = Major.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), culture ?? CultureInfo.InvariantCulture);
        return $"{CurrencyCode} {text}";
    }

    public override string ToString() => Format();

    private static string SameCurrency(Money left, Money right) =>
        string.Equals(left.CurrencyCode, right.CurrencyCode, StringComparison.Ordinal)
            ? left.CurrencyCode
            : throw new InvalidOperationException($"Cannot combine {left.CurrencyCode} and {right.CurrencyCode}.");
}
