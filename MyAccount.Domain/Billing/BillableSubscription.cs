using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Subscriptions;

namespace MyAccount.Domain.Billing;

/// <summary>A subscription as billing sees it: its terms, dates and product.</summary>
public sealed record BillableSubscription(
    SubscriptionId Id,
    ProductId ProductId,
    string ProductName,
    string Unit,
    SubscriptionPlan Plan,
    DateOnly StartsOn,
    DateOnly? EndsOn)
{
    public bool IsActiveOn(DateOnly day) => StartsOn <= day && (EndsOn is null || day < EndsOn);

    /// <summary>The days of <paramref name="month"/> the subscription is active: [From, Until), or null when none.</summary>
    public (DateOnly From, DateOnly Until)? ActiveRange(BillingMonth month) => ActiveRange(StartsOn, EndsOn, month);

    public static (DateOnly From, DateOnly Until)? ActiveRange(DateOnly startsOn, DateOnly? endsOn, BillingMonth month)
    {
        var from = startsOn > month.FirstDay ? startsOn : month.FirstDay;
        var until = endsOn is { } end && end < month.EndExclusive ? end : month.EndExclusive;
        return from < until ? (from, until) : null;
    }

    public int ActiveDays(BillingMonth month) => ActiveDays(StartsOn, EndsOn, month);

    public static int ActiveDays(DateOnly startsOn, DateOnly? endsOn, BillingMonth month) =>
        ActiveRange(startsOn, endsOn, month) is { } range ? range.Until.DayNumber - range.From.DayNumber : 0;

    /// <summary>The fee owed for a month: the monthly fee × active days / days in the month, rounded to minor units.</summary>
    public long ProratedFeeMinor(BillingMonth month)
    {
        var days = ActiveDays(month);
        return days == month.Days
            ? Plan.MonthlyFeeMinor
            : (long)Math.Round(Plan.MonthlyFeeMinor * (decimal)days / month.Days, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>The included volume for a month, prorated by active days and rounded to whole units, half up.</summary>
    public long ProratedAllowance(BillingMonth month) => ProratedAllowance(Plan.IncludedVolume, ActiveDays(month), month);

    /// <summary>
    /// The one proration of an included volume in the code base (billing, insights and the usage-alert pre-check use it):
    /// <paramref name="includedVolume"/> × active days / days in the month, rounded to whole units, half up.
    /// </summary>
    public static long ProratedAllowance(long includedVolume, int activeDays, BillingMonth month) =>
        activeDays == month.Days
            ? includedVolume
            : (long)Math.Round(includedVolume * (decimal)activeDays / month.Days, 0, MidpointRounding.AwayFromZero);

    /// <summary>Overage units and their price, rounded to minor units, for a month's used volume.</summary>
    public (long Units, long AmountMinor) Overage(BillingMonth month, long used, Currency currency)
    {
        var units = Math.Max(0, used - ProratedAllowance(month));
        return (units, Money.FromMajor(Plan.Overage.PriceOf(units), currency).Minor);
    }
}
