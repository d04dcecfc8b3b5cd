using MyAccount.Domain.Common;

namespace MyAccount.Domain.Subscriptions;

/// <summary>A subscription as the Subscriptions tab lists it.</summary>
public sealed record SubscriptionRow(
    SubscriptionId Id,
    string ProductCode,
    string ProductName,
    string Unit,
    Money MonthlyFee,
    long IncludedVolume,
    string OverageDescription,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    bool IsCurrent);
