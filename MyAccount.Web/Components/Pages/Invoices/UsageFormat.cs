using System.Globalization;

namespace MyAccount.Web.Components.Pages.Invoices;

/// <summary>How the usage page writes days and quantities: invariant, as the rest of the invoice.</summary>
internal static class UsageFormat
{
    /// <summary>"Nov 3".</summary>
    public static string Day(DateOnly day) => day.ToString("MMM d", CultureInfo.InvariantCulture);

    /// <summary>"1,234,567".</summary>
    public static string Quantity(long quantity) => quantity.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An axis value short enough for a phone: "950", "12k", "1.5M".</summary>
    public static string Compact(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };
}
