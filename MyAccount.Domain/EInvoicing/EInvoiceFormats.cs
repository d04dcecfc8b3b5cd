using System.Globalization;
using MyAccount.Domain.Common;

namespace MyAccount.Domain.EInvoicing;

/// <summary>How both syntaxes write amounts, quantities, rates and dates.</summary>
internal static class EInvoiceFormats
{
    /// <summary>Minor units as a decimal with exactly the currency's digits ("100.00", JPY "1500").</summary>
    public static string Amount(long minor, Currency currency) =>
        (minor / (decimal)currency.MinorPerMajor).ToString("F" + currency.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Rate(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Quantity(EInvoiceLine line) => line.NetAmountMinor < 0 ? "-1" : "1";

    /// <summary>The unit price: never negative (BR-27); a credit line has quantity −1 instead.</summary>
    public static string Price(EInvoiceLine line, Currency currency) => Amount(Math.Abs(line.NetAmountMinor), currency);

    public static string CiiDate(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string UblDate(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>UN/ECE Rec 20 "one" (C62): each line bills one service.</summary>
    public const string UnitCode = "C62";
}
