using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;

namespace MyAccount.Domain.Billing;

/// <summary>
/// Everything the rules need to make one account's invoice for <see cref="Period"/>: its subscriptions, the volume each
/// used per month, what earlier invoices billed, and the months that received late usage.
/// </summary>
public sealed record AccountBillingInput(
    BillingMonth Period,
    Currency Currency,
    IReadOnlyList<BillableSubscription> Subscriptions,
    IReadOnlyDictionary<(SubscriptionId, BillingMonth), long> Volumes,
    IReadOnlyDictionary<(SubscriptionId, BillingMonth), BilledAmounts> Billed,
    IReadOnlySet<(ProductId, BillingMonth)> LateUsageMonths)
{
    public long VolumeOf(SubscriptionId subscription, BillingMonth month) => Volumes.GetValueOrDefault((subscription, month));

    public BilledAmounts BilledFor(SubscriptionId subscription, BillingMonth month) => Billed.GetValueOrDefault((subscription, month));
}
