using MyAccount.Domain.Common;

namespace MyAccount.Domain.Payments;

/// <summary>What the person entered to add a card: in the sandbox the card itself; with Stripe, the SetupIntent confirmed in the browser.</summary>
public abstract record CardInput;

/// <summary>A card typed into the sandbox form. The number goes to the gateway adapter only: never stored, never logged.</summary>
public sealed record SandboxCardInput(string? Number, int ExpiryMonth, int ExpiryYear, string? Cvc) : CardInput
{
    public override string ToString() => "SandboxCardInput { Number = [hidden] }";
}

/// <summary>A card collected by the gateway's own form in the browser (Stripe: the confirmed SetupIntent's id).</summary>
public sealed record GatewayCardInput(string SetupReference) : CardInput;

/// <summary>The address checks the card network returned: "pass", "fail", "unavailable" or "unchecked".</summary>
public sealed record AddressChecks(string Line1, string PostalCode);

/// <summary>A card the gateway has attached to the account's customer, not yet accepted by us.</summary>
public sealed record GatewayCard(string Reference, string Brand, string Last4, int ExpiryMonth, int ExpiryYear, AddressChecks Checks);

/// <summary>The outcome of an off-session charge.</summary>
public sealed record ChargeResult(bool Succeeded, string? FailureCode, string? FailureMessage, string? Reference)
{
    /// <summary>
    /// Accepted by the gateway but not finished (Stripe's "processing"): neither paid nor failed — the gateway's webhook says how it
    /// ends, and it is never charged again meanwhile (a second charge under a new key could take the money twice).
    /// </summary>
    public bool Processing { get; init; }

    public static ChargeResult Paid(string reference) => new(true, null, null, reference);

    public static ChargeResult InProgress(string reference) => new(false, null, null, reference) { Processing = true };

    public static ChargeResult Failed(string code, string message) => new(false, code, message, null);
}

/// <summary>
/// The outcome of a refund: done (with the gateway's reference), or refused for good (the charge cannot be refunded). A gateway
/// that cannot be reached throws instead, and the refund is asked again later with the same idempotency key.
/// </summary>
public sealed record RefundResult(bool Succeeded, string? Reference, string? FailureMessage)
{
    /// <summary>Taken by the gateway but not finished (Stripe's "pending"): the gateway's webhook says how it ends.</summary>
    public bool Pending { get; init; }

    public static RefundResult Done(string reference) => new(true, reference, null);

    public static RefundResult InProgress(string reference) => new(true, reference, null) { Pending = true };

    public static RefundResult Refused(string message) => new(false, null, message);
}

/// <summary>The card was refused outright (declined, invalid): nothing was attached.</summary>
public sealed class CardRefusedException(string message) : Exception(message);

/// <summary>The payment gateway port: Stripe when configured, the offline sandbox otherwise.</summary>
public interface IPaymentGateway
{
    /// <summary>The gateway's customer for an account, created on first use.</summary>
    Task<string> EnsureCustomerAsync(AccountId accountId, string accountName, string? existingCustomer, CancellationToken ct);

    /// <summary>Attaches a card to the customer with the billing address and returns what the network says about it.</summary>
    Task<GatewayCard> AttachCardAsync(string customer, CardInput input, BillingAddress address, CancellationToken ct);

    /// <summary>Makes the card the customer's default payment method.</summary>
    Task MakeDefaultAsync(string customer, string card, CancellationToken ct);

    Task DetachCardAsync(string card, CancellationToken ct);

    /// <summary>Charges the card off-session. The idempotency key makes a repeated call return the first call's result.</summary>
    Task<ChargeResult> ChargeAsync(string customer, string card, Money amount, string description, string idempotencyKey, CancellationToken ct);

    /// <summary>
    /// Refunds part or all of a charge (<paramref name="charge"/>: the reference <see cref="ChargeAsync"/> returned) to the card it
    /// was taken from. The idempotency key makes a repeated call return the first call's refund.
    /// </summary>
    Task<RefundResult> RefundAsync(string charge, Money amount, string reason, string idempotencyKey, CancellationToken ct);
}

/// <summary>Gateways whose card form runs in the browser (Stripe) start the setup on the server: the client secret for the form.</summary>
public interface ICardSetupGateway
{
    Task<string> BeginCardSetupAsync(string customer, CancellationToken ct);
}
