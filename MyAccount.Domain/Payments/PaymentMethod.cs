using MyAccount.Domain.Common;

namespace MyAccount.Domain.Payments;

/// <summary>
/// The summary of the card on file, one per account. Never a card number: only what the gateway tells us
/// (brand, last 4 digits, expiry) and the gateway's own reference to the card.
/// </summary>
public sealed class PaymentMethod
{
    private PaymentMethod()
    {
        Brand = Last4 = GatewayReference = UpdatedBy = "";
        BillingAddress = null!;
    }

    public PaymentMethod(AccountId accountId, string brand, string last4, int expiryMonth, int expiryYear, BillingAddress billingAddress,
        string gatewayReference, DateTime updatedAt, string updatedBy)
    {
        if (last4.Length != 4 || !last4.All(char.IsAsciiDigit))
        {
            throw new DomainValidationException("last4", "Only the last 4 digits of a card are kept.");
        }

        if (expiryMonth is < 1 or > 12 || expiryYear is < 2000 or > 2200)
        {
            throw new DomainValidationException("expiry", "The expiry date is not valid.");
        }

        AccountId = accountId;
        Brand = brand;
        Last4 = last4;
        ExpiryMonth = expiryMonth;
        ExpiryYear = expiryYear;
        BillingAddress = billingAddress;
        GatewayReference = gatewayReference;
        UpdatedAt = updatedAt;
        UpdatedBy = updatedBy;
    }

    public AccountId AccountId { get; private set; }
    public string Brand { get; private set; }
    public string Last4 { get; private set; }
    public int ExpiryMonth { get; private set; }
    public int ExpiryYear { get; private set; }
    public BillingAddress BillingAddress { get; private set; }
    public string GatewayReference { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; }
}

/// <summary>The billing address that must match the card.</summary>
public sealed record BillingAddress(string Line1, string? Line2, string City, string? Region, string PostalCode, string Country);
