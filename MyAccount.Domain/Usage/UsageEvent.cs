using MyAccount.Domain.Common;

namespace MyAccount.Domain.Usage;

/// <summary>
/// A quantity of one usage type of one product, used by an account at a moment (UTC). <see cref="ExternalId"/>
/// is the sender's idempotency key, unique per account: a repeated event is counted once.
/// </summary>
public sealed class UsageEvent
{
    private UsageEvent()
    {
        ExternalId = UsageTypeCode = "";
    }

    public UsageEvent(AccountId accountId, ProductId productId, string usageTypeCode, long quantity, DateTime occurredAt, string externalId, DateTime receivedAt)
    {
        if (quantity <= 0)
        {
            throw new DomainValidationException("quantity", "A usage quantity must be a whole number above zero.");
        }

        if (occurredAt.Kind != DateTimeKind.Utc || receivedAt.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Usage times are UTC.");
        }

        AccountId = accountId;
        ProductId = productId;
        UsageTypeCode = usageTypeCode;
        Quantity = quantity;
        OccurredAt = occurredAt;
        ExternalId = externalId;
        ReceivedAt = receivedAt;
    }

    public long Id { get; private set; }
    public AccountId AccountId { get; private set; }
    public ProductId ProductId { get; private set; }
    public string UsageTypeCode { get; private set; }
    public long Quantity { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public string ExternalId { get; private set; }
    public DateTime ReceivedAt { get; private set; }
}
