using MyAccount.Domain.Common;

namespace MyAccount.Domain.Insights;

/// <summary>
/// This month so far for one current subscription: usage against the (prorated) included volume, the day the included
/// volume runs out at the current pace, and estimates of this month's overage and of the next invoice's total.
/// <see cref="PeriodStart"/> (inclusive) to <see cref="PeriodEnd"/> (exclusive) is the part of the month the included volume covers.
/// </summary>
public sealed record SubscriptionInsight(
    SubscriptionId SubscriptionId,
    ProductId ProductId,
    string ProductName,
    string Unit,
    long UsedSoFar,
    long IncludedThisMonth,
    DateOnly? RunsOutOn,
    bool AlreadyOver,
    long ForecastUsage,
    long ForecastOverageUnits,
    Money ForecastOverage,
    Money NextInvoiceEstimate,
    IReadOnlyList<int> AlertThresholds,
    DateOnly PeriodStart,
    DateOnly PeriodEnd)
{
    /// <summary>Share of the included volume used so far, in percent (may exceed 100).</summary>
    public double PercentUsed => IncludedThisMonth == 0 ? (UsedSoFar > 0 ? 100 : 0) : Math.Round(100.0 * UsedSoFar / IncludedThisMonth, 1);

    /// <summary>Days in the period the included volume covers (this month, or the part of it the subscription is active).</summary>
    public int PeriodDays => PeriodEnd.DayNumber - PeriodStart.DayNumber;

    /// <summary>How far through the period <paramref name="now"/> is, in percent of its time (0 before it starts, 100 after it ends).</summary>
    public double PeriodElapsedPercent(DateTimeOffset now)
    {
        var start = new DateTimeOffset(PeriodStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(PeriodEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return end <= start ? 100 : Math.Round(100.0 * Math.Clamp((now - start) / (end - start), 0, 1), 1);
    }

    /// <summary>Which day of the period <paramref name="now"/> falls on, 1-based and within the period.</summary>
    public int PeriodDayOf(DateTimeOffset now) =>
        Math.Clamp(DateOnly.FromDateTime(now.UtcDateTime).DayNumber - PeriodStart.DayNumber + 1, 1, Math.Max(PeriodDays, 1));
}
