using MyAccount.Web.Payments;

namespace MyAccount.Web.Hardening;

/// <summary>
/// Security headers on every response: a Content-Security-Policy (Stripe's script and frames only when Stripe is the gateway),
/// <c>frame-ancestors 'none'</c>, <c>X-Content-Type-Options</c>, <c>Referrer-Policy</c>. HSTS is added outside Development by UseHsts.
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(StripeOptions stripe)
    {
        var stripeScript = stripe.Enabled ? " https://js.stripe.com" : "";
        var stripeFrames = stripe.Enabled ? "https://js.stripe.com https://hooks.stripe.com" : "'none'";
        var stripeConnect = stripe.Enabled ? " https://api.stripe.com" : "";
        // Blazor Server needs its WebSocket; MudBlazor sets inline styles.
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self'{stripeScript}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            $"connect-src 'self' ws: wss:{stripeConnect}",
            $"frame-src {stripeFrames}",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'");
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, StripeOptions stripe)
    {
        var policy = ContentSecurityPolicy(stripe);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // The interactive API reference page loads its own inline script: it gets its own, looser policy.
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference")
                    ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'"
                    : policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
