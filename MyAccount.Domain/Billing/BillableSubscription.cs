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
    public (DateOnly From, DateOnly Until)? ActiveRange(BillingMonth month)
    {
        var from = StartsOn > month.FirstDay ? StartsOn : month.FirstDay;
        var until = EndsOn is { } end && end < month.EndExclusive ? end : month.EndExclusive;
        return from < until ? (from, until) : null;
    }

    public int ActiveDays(BillingMonth month) => ActiveRange(month) is { } range ? range.Until.DayNumber - range.From.DayNumber : 0;

    /// <summary>The fee owed for a month: the monthly fee × active days / days in the month, rounded to minor units.</summary>
    public long ProratedFeeMinor(BillingMonth month)
    {
        var days = ActiveDays(month);
        return days == month.Days
            ? Plan.MonthlyFeeMinor
            : (long)Math.Round(Plan.MonthlyFeeMinor * (decimal)days / month.Days, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>The included volume for a month, prorated by active days and rounded to whole units, half up.</summary>
    public long ProratedAllowance(BillingMonth month)
    {
        var days = ActiveDays(month);
        return days == month.Days
            ? Plan.IncludedVolume
            : (long)Math.Round(Plan.IncludedVolume * (decimal)days / month.Days, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>Overage units and their price, rounded to minor units, for a month's used volume.</summary>
    public (long Units, long AmountMinor) Overage(BillingMonth month, long used, Currency currency)
    {
        var units = Math.Max(0, used - ProratedAllowance(month));
        return (units, Money.FromMajor(Plan.Overage.PriceOf(units), currency).Minor);
    }
}
