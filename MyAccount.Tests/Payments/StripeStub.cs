using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MyAccount.Tests.Payments;

/// <summary>
/// A local HTTP server that answers the few Stripe API calls MyAccount makes, the way Stripe's API does (stripe-mock is not
/// available here). The real Stripe.net client talks to it over loopback. It records each request and its Idempotency-Key.
/// </summary>
public sealed class StripeStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StripeStub(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<(string Method, string Path, string? IdempotencyKey, Dictionary<string, string> Form)> Requests { get; } = new();

    /// <summary>Address checks the stub reports per payment method id.</summary>
    public Dictionary<string, (string Line1, string Postal)> Checks { get; } = new()
    {
        ["pm_ok"] = ("pass", "pass"),
        ["pm_bad_postal"] = ("pass", "fail"),
        ["pm_unavailable"] = ("unavailable", "unavailable"),
        ["pm_declines"] = ("pass", "pass"),
    };

    public static async Task<StripeStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new StripeStub(app);
        app.Use(async (context, next) =>
        {
            var form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : [];
            stub.Requests.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), form));
            context.Items["form"] = form;
            await next();
        });
        app.MapPost("/v1/customers", () => Results.Json(new { id = "cus_123", @object = "customer" }));
        app.MapPost("/v1/customers/{id}", (string id) => Results.Json(new { id, @object = "customer" }));
        app.MapPost("/v1/setup_intents", () => Results.Json(new { id = "seti_new", @object = "setup_intent", client_secret = "seti_new_secret_abc", status = "requires_payment_method", customer = "cus_123" }));
        app.MapGet("/v1/setup_intents/{id}", (string id) =>
        {
            var method = id.Replace("seti_", "pm_", StringComparison.Ordinal);
            return Results.Json(new { id, @object = "setup_intent", status = "succeeded", customer = "cus_123", payment_method = method });
        });
        app.MapGet("/v1/payment_methods/{id}", (string id) =>
        {
            var (line1, postal) = stub.Checks[id];
            return Results.Json(new
            {
                id, @object = "payment_method", type = "card",
                card = new { brand = "visa", last4 = "4242", exp_month = 12, exp_year = 2031, checks = new { address_line1_check = line1, address_postal_code_check = postal } },
            });
        });
        app.MapPost("/v1/payment_methods/{id}/detach", (string id) => Results.Json(new { id, @object = "payment_method" }));
        app.MapPost("/v1/payment_intents", (HttpContext context) =>
        {
            var form = (Dictionary<string, string>)context.Items["form"]!;
            if (form.GetValueOrDefault("payment_method") == "pm_too_small")
            {
                return Results.Json(new { error = new { type = "invalid_request_error", code = "amount_too_small", message = "Amount must be at least $0.50 usd" } },
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (form.GetValueOrDefault("payment_method") == "pm_processing")
            {
                return Results.Json(new { id = "pi_slow", @object = "payment_intent", status = "processing", amount = 100 });
            }

            return form.GetValueOrDefault("payment_method") == "pm_declines"
                ? Results.Json(new { error = new { type = "card_error", code = "card_declined", decline_code = "insufficient_funds", message = "Your card has insufficient funds." } },
                    statusCode: StatusCodes.Status402PaymentRequired)
                : Results.Json(new { id = "pi_1", @object = "payment_intent", status = "succeeded", amount = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture) });
        });
        app.MapPost("/v1/refunds", (HttpContext context) =>
        {
            var form = (Dictionary<string, string>)context.Items["form"]!;
            return form.GetValueOrDefault("payment_intent") switch
            {
                "pi_refunded" => Results.Json(new { error = new { type = "invalid_request_error", code = "charge_already_refunded", message = "Charge pi_refunded has already been refunded." } },
                    statusCode: StatusCodes.Status400BadRequest),
                "pi_pending" => Results.Json(new { id = "re_pending", @object = "refund", status = "pending", amount = 100 }),
                "pi_failing" => Results.Json(new { id = "re_failed", @object = "refund", status = "failed", failure_reason = "expired_or_canceled_card", amount = 100 }),
                _ => Results.Json(new { id = "re_1", @object = "refund", status = "succeeded", amount = long.Parse(form["amount"], System.Globalization.CultureInfo.InvariantCulture) }),
            };
        });
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
