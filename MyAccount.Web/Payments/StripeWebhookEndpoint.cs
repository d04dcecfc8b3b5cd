using MyAccount.Domain.Payments;
using Stripe;

namespace MyAccount.Web.Payments;

/// <summary>
/// <c>POST /api/stripe/webhook</c>: the signature is verified with the signing secret, events older than the tolerance are
/// refused, and each event id is processed once (a replay is acknowledged and does nothing).
/// </summary>
public static class StripeWebhookEndpoint
{
    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/stripe/webhook", async (HttpContext http, StripeOptions options, InvoiceCharging charging, MyAccount.Domain.Invoices.CreditNoteService creditNotes, TimeProvider clock,
            ILogger<StripeOptions> logger) =>
        {
            if (string.IsNullOrWhiteSpace(options.WebhookSecret))
            {
                return Results.NotFound();
            }

            var signature = http.Request.Headers["Stripe-Signature"].ToString();
            if (string.IsNullOrWhiteSpace(signature))
            {
                return Results.Problem("The Stripe-Signature header is missing.", statusCode: StatusCodes.Status400BadRequest);
            }

            using var reader = new StreamReader(http.Request.Body);
            var json = await reader.ReadToEndAsync(http.RequestAborted);
            Event stripeEvent;
            try
            {
                stripeEvent = EventUtility.ConstructEvent(json, signature, options.WebhookSecret,
                    options.WebhookToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
            }
            catch (Exception ex) when (ex is StripeException or ArgumentException or Newtonsoft.Json.JsonException)
            {
                logger.LogWarning("A Stripe webhook was refused: {Reason}", ex.Message);
                return Results.Problem("The webhook signature is missing, wrong or too old.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (stripeEvent.Data.Object is PaymentIntent intent && stripeEvent.Type is "payment_intent.succeeded" or "payment_intent.payment_failed")
            {
                intent.Metadata.TryGetValue("idempotency_key", out var key);
                await charging.RecordGatewayEventAsync(stripeEvent.Id, stripeEvent.Type, key, stripeEvent.Type == "payment_intent.succeeded",
                    intent.LastPaymentError?.Message, http.RequestAborted);
            }
            else if (stripeEvent.Data.Object is Refund refund && stripeEvent.Type is "refund.updated" or "refund.failed" or "charge.refund.updated"
                     && refund.Status is "succeeded" or "failed" or "canceled")
            {
                // A refund Stripe took as pending ends: the credit note's refund is done or failed (each event once).
                if (await charging.RecordGatewayEventAsync(stripeEvent.Id, stripeEvent.Type, null, false, null, http.RequestAborted)
                    && refund.Metadata.TryGetValue("idempotency_key", out var key))
                {
                    await creditNotes.RecordRefundOutcomeAsync(key, refund.Status == "succeeded", refund.Id,
                        refund.FailureReason is { Length: > 0 } why ? $"The refund failed: {why.Replace('_', ' ')}." : "The refund failed.", http.RequestAborted);
                }
            }
            else
            {
                await charging.RecordGatewayEventAsync(stripeEvent.Id, stripeEvent.Type, null, false, null, http.RequestAborted);
            }

            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }
}
