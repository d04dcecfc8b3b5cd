using MyAccount.Domain.Common;

namespace MyAccount.Domain.Insights;

/// <summary>
/// This month so far for one current subscription: usage against the (prorated) included volume, the day the included
/// volume runs out at the current pace, and estimates of this month's overage and of the next invoice's total.
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
    IReadOnlyList<int> AlertThresholds)
{
    /// <summary>Share of the included volume used so far, in percent (may exceed 100).</summary>
    public double PercentUsed => IncludedThisMonth == 0 ? (UsedSoFar > 0 ? 100 : 0) : Math.Round(100.0 * UsedSoFar / IncludedThisMonth, 1);
}
