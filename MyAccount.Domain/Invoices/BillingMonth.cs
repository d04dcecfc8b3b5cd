using System.Globalization;
using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

/// <summary>A calendar month in UTC: the billing period. Written as <c>YYYY-MM</c>.</summary>
public readonly record struct BillingMonth(int Year, int Month) : IComparable<BillingMonth>
{
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The first day of the next month (exclusive end of this one).</summary>
    public DateOnly EndExclusive => FirstDay.AddMonths(1);

    /// <summary>The instant the month begins: 00:00 UTC on its first day.</summary>
    public DateTimeOffset StartsAt => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public BillingMonth Previous => Of(FirstDay.AddMonths(-1));

    public BillingMonth Next => Of(FirstDay.AddMonths(1));

    public static BillingMonth Of(DateOnly day) => new(day.Year, day.Month);

    public static BillingMonth Of(DateTime utc) => new(utc.Year, utc.Month);

    /// <summary>The earliest and latest years a period can be in (a billing run also needs the month before and after it).</summary>
    public const int MinYear = 1970, MaxYear = 9998;

    public static BillingMonth Parse(string text)
    {
        if (text is not { Length: 7 }
            || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new DomainValidationException("period", $"'{text}' is not a month (YYYY-MM).");
        }

        return day.Year is < MinYear or > MaxYear
            ? throw new DomainValidationException("period", $"A period must be a month from {MinYear}-01 to {MaxYear}-12.")
            : Of(day);
    }

    public int CompareTo(BillingMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    /// <summary>For people: "November 2026".</summary>
    public string Display => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
