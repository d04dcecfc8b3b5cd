using MyAccount.Domain.Common;

namespace MyAccount.Domain.Subscriptions;

/// <summary>
/// An account's subscription to one product on one plan, active from <see cref="StartsOn"/> (inclusive) to
/// <see cref="EndsOn"/> (exclusive, null while open-ended). Ended subscriptions are kept as history.
/// </summary>
public sealed class Subscription
{
    private Subscription()
    {
        Plan = null!;
    }

    public Subscription(AccountId accountId, ProductId productId, SubscriptionPlan plan, DateOnly startsOn, DateOnly? endsOn, DateTime createdAt)
    {
        Id = SubscriptionId.New();
        AccountId = accountId;
        ProductId = productId;
        Plan = plan;
        StartsOn = startsOn;
        CreatedAt = createdAt;
        if (endsOn is { } end)
        {
            End(end);
        }
    }

    public SubscriptionId Id { get; private set; }
    public AccountId AccountId { get; private set; }
    public ProductId ProductId { get; private set; }
    public SubscriptionPlan Plan { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Active on a day when StartsOn ≤ day &lt; EndsOn.</summary>
    public bool IsActiveOn(DateOnly day) => StartsOn <= day && (EndsOn is null || day < EndsOn);

    /// <summary>Current when it has not ended by <paramref name="today"/> (it may start later).</summary>
    public bool IsCurrent(DateOnly today) => EndsOn is null || today < EndsOn;

    public void End(DateOnly endsOn)
    {
        if (endsOn <= StartsOn)
        {
            throw new DomainValidationException("endsOn", $"A subscription must end after it starts ({StartsOn:yyyy-MM-dd}).");
        }

        if (EndsOn is { } existing && existing <= endsOn)
        {
            throw new DomainValidationException("endsOn", $"The subscription already ends on {existing:yyyy-MM-dd}.");
        }

        EndsOn = endsOn;
    }
}
