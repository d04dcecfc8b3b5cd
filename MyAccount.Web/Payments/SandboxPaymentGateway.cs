using System.Collections.Concurrent;
using MyAccount.Domain.Common;
using MyAccount.Domain.Payments;

namespace MyAccount.Web.Payments;

/// <summary>
/// The offline gateway for local development and tests. It emulates Stripe's test cards: 4242424242424242 passes every
/// check; …0028 fails the address line-1 check; …0036 the postal-code check; …0010 both; …0002 is declined; …9995 saves but
/// every charge fails for insufficient funds; …0341 saves but charges fail. Only brand, last 4 and expiry leave this class;
/// the behaviour rides in the card reference, so it survives a restart. Idempotency keys replay the first result.
/// </summary>
public sealed class SandboxPaymentGateway : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, ChargeResult> _charges = new();
    private readonly Dictionary<string, RefundResult> _refunds = [];
    private readonly Dictionary<string, long> _refundedPerCharge = [];

    public int ChargeCalls => _chargeCalls;

    /// <summary>The amounts charged since the sandbox started (one per idempotency key), for tests and local checks.</summary>
    public IReadOnlyCollection<Money> Charged => _charged;

    private readonly ConcurrentQueue<Money> _charged = new();

    private int _chargeCalls;

    public Task<string> EnsureCustomerAsync(AccountId accountId, string accountName, string? existingCustomer, CancellationToken ct) =>
        Task.FromResult(existingCustomer ?? $"sandbox_cus_{accountId.Value:N}");

    public Task<GatewayCard> AttachCardAsync(string customer, CardInput input, BillingAddress address, CancellationToken ct)
    {
        if (input is not SandboxCardInput card)
        {
            throw new CardRefusedException("The sandbox takes card numbers typed into the form.");
        }

        var digits = new string((card.Number ?? "").Where(char.IsAsciiDigit).ToArray());
        var (behaviour, line1, postal) = digits switch
        {
            "4000000000000002" => throw new CardRefusedException("Your card was declined."),
            "4000000000000028" => ("ok", "fail", "pass"),
            "4000000000000036" => ("ok", "pass", "fail"),
            "4000000000000010" => ("ok", "fail", "fail"),
            "4000000000009995" => ("insufficient", "pass", "pass"),
            "4000000000000341" => ("declines", "pass", "pass"),
            _ => ("ok", "pass", "pass"),
        };
        var reference = $"sandbox_pm_{behaviour}_{Guid.NewGuid():N}";
        return Task.FromResult(new GatewayCard(reference, Brand(digits), digits[^4..], card.ExpiryMonth, card.ExpiryYear, new AddressChecks(line1, postal)));
    }

    public Task MakeDefaultAsync(string customer, string card, CancellationToken ct) => Task.CompletedTask;

    public Task DetachCardAsync(string card, CancellationToken ct) => Task.CompletedTask;

    public Task<ChargeResult> ChargeAsync(string customer, string card, Money amount, string description, string idempotencyKey, CancellationToken ct) =>
        Task.FromResult(_charges.GetOrAdd(idempotencyKey, _ =>
        {
            Interlocked.Increment(ref _chargeCalls);
            _charged.Enqueue(amount);
            return card.Split('_') switch
            {
                [_, _, "insufficient", ..] => ChargeResult.Failed("insufficient_funds", "Your card has insufficient funds."),
                [_, _, "declines", ..] => ChargeResult.Failed("card_declined", "Your card was declined."),
                _ => ChargeResult.Paid($"sandbox_pi_{Guid.NewGuid():N}"),
            };
        }));

    /// <summary>
    /// Refunds a sandbox charge (references <c>sandbox_pi_…</c>) once per idempotency key. The sandbox does not remember charged
    /// amounts across restarts, so it checks only that the charge is one of its own; the domain caps what is refunded.
    /// </summary>
    public Task<RefundResult> RefundAsync(string charge, Money amount, string reason, string idempotencyKey, CancellationToken ct)
    {
        lock (_refunds)
        {
            if (!_refunds.TryGetValue(idempotencyKey, out var result))
            {
                _refundCalls++;
                if (charge.StartsWith("sandbox_pi_", StringComparison.Ordinal))
                {
                    _refundedPerCharge[charge] = _refundedPerCharge.GetValueOrDefault(charge) + amount.Minor;
                    result = RefundResult.Done($"sandbox_re_{Guid.NewGuid():N}");
                }
                else
                {
                    result = RefundResult.Refused($"No such charge: {charge}.");
                }

                _refunds[idempotencyKey] = result;
            }

            return Task.FromResult(result);
        }
    }

    public int RefundCalls => _refundCalls;

    private int _refundCalls;

    /// <summary>What the sandbox refunded of a charge since it started.</summary>
    public long RefundedOf(string charge)
    {
        lock (_refunds)
        {
            return _refundedPerCharge.GetValueOrDefault(charge);
        }
    }

    private static string Brand(string digits) => digits switch
    {
        ['4', ..] => "Visa",
        ['3', '4' or '7', ..] => "American Express",
        ['5', '1' or '2' or '3' or '4' or '5', ..] => "Mastercard",
        ['2', ..] => "Mastercard",
        ['6', ..] => "Discover",
        _ => "Card",
    };
}
