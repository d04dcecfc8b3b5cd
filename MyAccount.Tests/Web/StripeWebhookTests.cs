using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Web;

/// <summary><c>/api/stripe/webhook</c>: signature, tolerance, once per event id.</summary>
public sealed class StripeWebhookTests(StripeWebhookTests.Fixture app) : IClassFixture<StripeWebhookTests.Fixture>
{
    private const string Secret = "whsec_test_secret";

    public sealed class Fixture : MyAccountAppFactory
    {
        public Fixture() => Settings = new()
        {
            ["Stripe:WebhookSecret"] = Secret,
            ["Billing:Charging:Enabled"] = "false",
            ["Billing:InvoiceEmails:Enabled"] = "false",
        };
    }

    private static string Event(string id, string type, string idempotencyKey) =>
        "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"api_version\":\"2025-01-01\",\"created\":1," +
        "\"data\":{\"object\":{\"id\":\"pi_" + id + "\",\"object\":\"payment_intent\",\"status\":\"succeeded\"," +
        "\"metadata\":{\"idempotency_key\":\"" + idempotencyKey + "\"}}}}";


    private async Task<HttpResponseMessage> PostAsync(string json, long? timestamp = null, string secret = Secret)
    {
        var t = timestamp ?? app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{json}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/stripe/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", $"t={t},v1={signature}");
        return await app.CreateClient().SendAsync(request);
    }

    private async Task<Invoice> OpenInvoiceAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var fabrikam = await db.Accounts.SingleAsync(a => a.Name == "Fabrikam GmbH");
        if (!await db.Invoices.AnyAsync(i => i.AccountId == fabrikam.Id))
        {
            await app.Services.GetRequiredService<BillingEngine>().RunAsync(new OperatorActor("test"), app.DemoPeriods.FirstMonth.Next.Next.Next, fabrikam.Id);
        }

        return await db.Invoices.AsNoTracking().FirstAsync(i => i.AccountId == fabrikam.Id);
    }

    [Fact]
    public async Task A_signed_payment_succeeded_event_pays_the_invoice_once_and_a_replay_does_nothing()
    {
        var invoice = await OpenInvoiceAsync();
        var json = Event("evt_paid", "payment_intent.succeeded", InvoiceCharging.IdempotencyKey(invoice.Id, 0));

        (await PostAsync(json)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PostAsync(json)).StatusCode.Should().Be(HttpStatusCode.OK, "a replay is acknowledged");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.Invoices.SingleAsync(i => i.Id == invoice.Id)).Status.Should().Be(InvoiceStatus.Paid);
        (await db.Set<GatewayEvent>().CountAsync(e => e.Id == "evt_paid")).Should().Be(1);
    }

    [Fact]
    public async Task A_wrong_signature_or_a_stale_event_is_refused_and_changes_nothing()
    {
        var json = Event("evt_forged", "payment_intent.succeeded", "invoice-00000000-0000-0000-0000-000000000000");

        (await PostAsync(json, secret: "whsec_wrong")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PostAsync(json, timestamp: app.Clock.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds())).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var unsigned = await app.CreateClient().PostAsync("/api/stripe/webhook", new StringContent(json, Encoding.UTF8, "application/json"));
        unsigned.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.Set<GatewayEvent>().AnyAsync(e => e.Id == "evt_forged")).Should().BeFalse();
    }
}
