using MyAccount.Domain.Common;
using MyAccount.Domain.Payments;
using Stripe;

namespace MyAccount.Web.Payments;

/// <summary>
/// The Stripe gateway (Stripe.net). A Stripe customer per account; the card is collected by Stripe's own card element and
/// confirmed by a SetupIntent in the browser, so card numbers never reach this server. Here the confirmed SetupIntent is read,
/// and its payment method's address checks are returned for the domain to accept or refuse.
/// </summary>
public sealed class StripePaymentGateway(StripeOptions options) : IPaymentGateway, ICardSetupGateway
{
    private readonly StripeClient _client = new(options.SecretKey, apiBase: string.IsNullOrWhiteSpace(options.ApiBase) ? null : options.ApiBase);

    public async Task<string> EnsureCustomerAsync(AccountId accountId, string accountName, string? existingCustomer, CancellationToken ct)
    {
        if (existingCustomer is not null)
        {
            return existingCustomer;
        }

        var customer = await new CustomerService(_client).CreateAsync(
            new CustomerCreateOptions { Name = accountName, Metadata = new Dictionary<string, string> { ["account_id"] = accountId.ToString() } },
            new RequestOptions { IdempotencyKey = $"customer-{accountId}" }, ct);
        return customer.Id;
    }

    public async Task<string> BeginCardSetupAsync(string customer, CancellationToken ct)
    {
        var intent = await new SetupIntentService(_client).CreateAsync(
            new SetupIntentCreateOptions { Customer = customer, Usage = "off_session" }, cancellationToken: ct);
        return intent.ClientSecret;
    }

    public async Task<GatewayCard> AttachCardAsync(string customer, CardInput input, BillingAddress address, CancellationToken ct)
    {
        if (input is not GatewayCardInput confirmed)
        {
            throw new CardRefusedException("With Stripe, the card is entered in Stripe's card form.");
        }

        var intent = await new SetupIntentService(_client).GetAsync(confirmed.SetupReference, cancellationToken: ct);
        if (intent.Status != "succeeded" || intent.PaymentMethodId is null || intent.CustomerId != customer)
        {
            throw new CardRefusedException(intent.LastSetupError?.Message ?? "The card could not be confirmed. Try again.");
        }

        var method = await new PaymentMethodService(_client).GetAsync(intent.PaymentMethodId, cancellationToken: ct);
        var card = method.Card ?? throw new CardRefusedException("Only cards are accepted.");
        return new GatewayCard(method.Id, Brand(card.Brand), card.Last4, (int)card.ExpMonth, (int)card.ExpYear,
            new AddressChecks(card.Checks?.AddressLine1Check ?? "unchecked", card.Checks?.AddressPostalCodeCheck ?? "unchecked"));
    }

    public async Task MakeDefaultAsync(string customer, string card, CancellationToken ct) =>
        await new CustomerService(_client).UpdateAsync(customer,
            new CustomerUpdateOptions { InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = card } }, cancellationToken: ct);

    public async Task DetachCardAsync(string card, CancellationToken ct) =>
        await new PaymentMethodService(_client).DetachAsync(card, cancellationToken: ct);

    public async Task<ChargeResult> ChargeAsync(string customer, string card, Money amount, string description, string idempotencyKey, CancellationToken ct)
    {
        try
        {
            var intent = await new PaymentIntentService(_client).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = amount.Minor,
                Currency = amount.CurrencyCode.ToLowerInvariant(),
                Customer = customer,
                PaymentMethod = card,
                OffSession = true,
                Confirm = true,
                Description = description,
                Metadata = new Dictionary<string, string> { ["idempotency_key"] = idempotencyKey },
            }, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
            return intent.Status switch
            {
                "succeeded" => ChargeResult.Paid(intent.Id),
                "processing" => ChargeResult.InProgress(intent.Id),
                _ => ChargeResult.Failed(intent.Status, $"The payment is {intent.Status.Replace('_', ' ')}."),
            };
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error")
        {
            return ChargeResult.Failed(ex.StripeError.DeclineCode ?? ex.StripeError.Code ?? "card_error", ex.StripeError.Message ?? "The card was declined.");
        }
        catch (StripeException ex) when (ex.StripeError is not null)
        {
            // Refused for another reason (e.g. amount_too_small): a failed charge, not a crash of the charging run.
            return ChargeResult.Failed(ex.StripeError.Code ?? ex.StripeError.Type ?? "stripe_error", ex.StripeError.Message ?? "The payment was refused.");
        }
    }

    public async Task<RefundResult> RefundAsync(string charge, Money amount, string reason, string idempotencyKey, CancellationToken ct)
    {
        try
        {
            var refund = await new RefundService(_client).CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = charge,
                Amount = amount.Minor,
                Reason = "requested_by_customer",
                Metadata = new Dictionary<string, string> { ["idempotency_key"] = idempotencyKey, ["reason"] = reason.Length > 500 ? reason[..500] : reason },
            }, new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
            return refund.Status switch
            {
                "succeeded" => RefundResult.Done(refund.Id),
                "failed" or "canceled" => RefundResult.Refused(refund.FailureReason is { Length: > 0 } why ? $"The refund failed: {why.Replace('_', ' ')}." : "The refund failed."),
                _ => RefundResult.InProgress(refund.Id), // "pending", "requires_action": the refund webhooks end it
            };
        }
        catch (StripeException ex) when (ex.StripeError?.Type is "invalid_request_error" or "card_error")
        {
            // Refused for good (already refunded, charge disputed, amount above what is left): asking again changes nothing.
            return RefundResult.Refused(ex.StripeError.Message ?? "The refund was refused.");
        }
    }

    private static string Brand(string brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        _ => brand.Length == 0 ? "Card" : char.ToUpperInvariant(brand[0]) + brand[1..],
    };
}
