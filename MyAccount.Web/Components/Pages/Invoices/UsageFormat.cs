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

    /// <summary>A round step that splits 0…<paramref name="max"/> into about four: 1, 2, 2.5 or 5 times a power of ten.</summary>
    public static int AxisStep(long max)
    {
        var raw = Math.Max(1d, max / 4d);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1d, 2d, 2.5d, 5d, 10d }.Select(f => f * power).First(s => s >= raw);
        return (int)Math.Min(int.MaxValue, Math.Max(1, Math.Round(step)));
    }
}
