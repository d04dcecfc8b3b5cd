using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using MyAccount.Web.Payments;

namespace MyAccount.Web.Hardening;

/// <summary>
/// Security headers on every response: a Content-Security-Policy (Stripe's script and frames only when Stripe is the gateway),
/// <c>frame-ancestors 'none'</c>, <c>X-Content-Type-Options</c>, <c>Referrer-Policy</c>. HSTS is added outside Development by UseHsts.
/// Blazor's inline import map is allowed by its own SHA-256 hash (computed from the page's import map, which changes with every
/// build), never by <c>'unsafe-inline'</c>. Responses that do not say how to cache themselves (pages, API answers, PDFs, CSVs)
/// are <c>Cache-Control: no-store</c>: they hold one customer's data. Static assets keep their own long-lived caching.
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(StripeOptions stripe, string? importMapHash = null)
    {
        var importMap = importMapHash is null ? "" : $" '{importMapHash}'";
        var stripeScript = stripe.Enabled ? " https://js.stripe.com" : "";
        var stripeFrames = stripe.Enabled ? "https://js.stripe.com https://hooks.stripe.com" : "'none'";
        var stripeConnect = stripe.Enabled ? " https://api.stripe.com" : "";
        // Blazor Server's WebSocket is same-origin ('self' covers ws: and wss: to this host); MudBlazor sets inline styles.
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self'{importMap}{stripeScript}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            $"connect-src 'self'{stripeConnect}",
            $"frame-src {stripeFrames}",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'");
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, StripeOptions stripe)
    {
        var policy = ContentSecurityPolicy(stripe);
        var hashes = new ConditionalWeakTable<ImportMapDefinition, string>();
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // The interactive API reference page loads its own inline script: it gets its own, looser policy.
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference")
                    ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'"
                    : context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap
                        ? ContentSecurityPolicy(stripe, hashes.GetValue(importMap, ImportMapHash))
                        : policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next();
        });
    }

    /// <summary>The CSP source for the import map as the ImportMap component renders it: <c>sha256-…</c> of its JSON.</summary>
    public static string ImportMapHash(ImportMapDefinition importMap) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())));
}
