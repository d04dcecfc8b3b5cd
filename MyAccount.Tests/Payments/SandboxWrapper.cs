using MyAccount.Domain.Common;
using MyAccount.Domain.Payments;
using MyAccount.Web.Payments;

namespace MyAccount.Tests.Payments;

/// <summary>
/// The sandbox gateway with some answers changed by a test (a gateway that cannot be reached, a charge still processing): what a
/// real outage or a slow gateway would do, which cannot be made here. Everything not overridden is the sandbox's.
/// </summary>
public abstract class SandboxWrapper : IPaymentGateway
{
    public SandboxPaymentGateway Inner { get; } = new();

    public Task<string> EnsureCustomerAsync(AccountId accountId, string accountName, string? existingCustomer, CancellationToken ct) =>
        Inner.EnsureCustomerAsync(accountId, accountName, existingCustomer, ct);

    public Task<GatewayCard> AttachCardAsync(string customer, CardInput input, BillingAddress address, CancellationToken ct) => Inner.AttachCardAsync(customer, input, address, ct);

    public Task MakeDefaultAsync(string customer, string card, CancellationToken ct) => Inner.MakeDefaultAsync(customer, card, ct);

    public Task DetachCardAsync(string card, CancellationToken ct) => Inner.DetachCardAsync(card, ct);

    public virtual Task<ChargeResult> ChargeAsync(string customer, string card, Money amount, string description, string idempotencyKey, CancellationToken ct) =>
        Inner.ChargeAsync(customer, card, amount, description, idempotencyKey, ct);

    public virtual Task<RefundResult> RefundAsync(string charge, Money amount, string reason, string idempotencyKey, CancellationToken ct) =>
        Inner.RefundAsync(charge, amount, reason, idempotencyKey, ct);
}
