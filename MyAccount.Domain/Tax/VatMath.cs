using System.Globalization;
using MyAccount.Domain.Common;

namespace MyAccount.Domain.Tax;

/// <summary>
/// The one VAT rounding of the code base: a category's VAT is its taxable amount × rate, rounded to the currency's minor unit
/// half away from zero, at invoice level (EN 16931 BR-CO-17), never per line.
/// </summary>
public static class VatMath
{
    public static long VatMinor(long basisMinor, decimal ratePercent, Currency currency) =>
        Money.FromMajor(basisMinor / (decimal)currency.MinorPerMajor * ratePercent / 100m, currency).Minor;

    /// <summary>"19", "5.5", "25.5": a rate in percent without trailing zeros.</summary>
    public static string FormatRate(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}
