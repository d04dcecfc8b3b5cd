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
    /// <summary>The account's credit balance, oldest first: each earlier credit invoice and what is left of it.</summary>
    public IReadOnlyList<CreditLeft> Credits { get; init; } = [];

    /// <summary>The account's billing details (whom the invoice is addressed to), if it has any.</summary>
    public Payments.BillingDetailsInput? BillingDetails { get; init; }

    /// <summary>How the invoice is taxed; null when tax is off.</summary>
    public Tax.TaxTreatment? Tax { get; init; }

    public long VolumeOf(SubscriptionId subscription, BillingMonth month) => Volumes.GetValueOrDefault((subscription, month));

    public BilledAmounts BilledFor(SubscriptionId subscription, BillingMonth month) => Billed.GetValueOrDefault((subscription, month));
}

/// <summary>What is left of the credit invoice <paramref name="Source"/> (a positive amount in minor units).</summary>
public sealed record CreditLeft(string Source, long RemainingMinor);
