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

    /// <summary>
    /// The net amount whose gross (net + <see cref="VatMinor"/>) is <paramref name="grossMinor"/>, for documents that credit a
    /// gross amount (a credit note against a taxed invoice). Some gross amounts have no such net (19 % of 0.05 and of 0.06 both
    /// round to 0.01): then the net whose gross comes closest from below, so the document never credits more than asked.
    /// </summary>
    public static long NetOfGross(long grossMinor, decimal ratePercent, Currency currency)
    {
        var estimate = (long)Math.Round(grossMinor / (1m + ratePercent / 100m), 0, MidpointRounding.AwayFromZero);
        var best = estimate - 2;
        for (var net = estimate - 2; net <= estimate + 2; net++)
        {
            var gross = net + VatMinor(net, ratePercent, currency);
            if (gross == grossMinor)
            {
                return net;
            }

            if (Math.Abs(gross) < Math.Abs(grossMinor))
            {
                best = net;
            }
        }

        return best;
    }

    /// <summary>"19", "5.5", "25.5": a rate in percent without trailing zeros.</summary>
    public static string FormatRate(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);
}
