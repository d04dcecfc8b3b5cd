using System.Globalization;

namespace MyAccount.Web.Components.Shared;

/// <summary>How dates are shown: "Jun 1, 2026", the same for everyone (billing dates are UTC calendar days).</summary>
public static class Dates
{
    public static string Format(DateOnly day) => day.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
}
