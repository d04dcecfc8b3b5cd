namespace MyAccount.Web.Payments;

/// <summary>
/// <c>Stripe:SecretKey</c> and <c>Stripe:PublishableKey</c> switch the Stripe gateway on; <c>Stripe:WebhookSecret</c> verifies
/// webhooks; <c>Stripe:ApiBase</c> points the client elsewhere (tests use a local server).
/// </summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }
    public string? PublishableKey { get; set; }
    public string? WebhookSecret { get; set; }
    public string? ApiBase { get; set; }

    /// <summary>Webhook events older than this are refused (replayed captures).</summary>
    public long WebhookToleranceSeconds { get; set; } = 300;

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(PublishableKey);
}
