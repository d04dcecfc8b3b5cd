using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using MyAccount.Domain.Demo;

namespace MyAccount.Web.Auth;

/// <summary>
/// Development sign-in: <c>/dev/signin</c> lists the demo personas, <c>/dev/signin?persona=NAME</c> signs in as one.
/// Only mapped in Development when Entra ID is not configured.
/// </summary>
public static class DevelopmentSignIn
{
    public static IEndpointRouteBuilder MapDevelopmentSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dev/signin", async (HttpContext http, string? persona, string? returnUrl) =>
        {
            var target = SignInEndpoints.SafeReturnUrl(returnUrl);
            if (string.IsNullOrEmpty(persona))
            {
                return Results.Content(PersonaPage(target, null), "text/html; charset=utf-8");
            }

            var chosen = DemoPersonas.Find(persona);
            if (chosen is null)
            {
                return Results.Content(PersonaPage(target, $"There is no demo persona called '{persona}'."), "text/html; charset=utf-8", statusCode: 404);
            }

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ToPrincipal(chosen));
            return Results.LocalRedirect(target);
        }).AllowAnonymous().RequireRateLimiting(Hardening.RateLimits.SignIn).ExcludeFromDescription();
        return endpoints;
    }

    public static ClaimsPrincipal ToPrincipal(DemoPersona persona)
    {
        List<Claim> claims =
        [
            new("tid", persona.Identity.TenantId),
            new("oid", persona.Identity.ObjectId),
            new("name", persona.DisplayName),
            new("email", persona.Email),
        ];
        if (persona.IsSupportAgent)
        {
            claims.Add(new Claim(ClaimTypes.Role, MyAccountClaims.SupportRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Development", "name", ClaimTypes.Role));
    }

    private static string PersonaPage(string returnUrl, string? error)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Development sign-in · MyAccount</title>
            <style>
              body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f5f5;margin:0;color:#222}
              main{max-width:560px;margin:48px auto;padding:32px;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
              h1{font-size:1.5rem;margin:0 0 8px} p{color:#555}
              ul{list-style:none;padding:0} li{margin:10px 0}
              a{display:block;padding:12px 16px;border:1px solid #ddd;border-radius:6px;text-decoration:none;color:#1e4fa8}
              a:hover,a:focus{background:#eef3fc;outline:2px solid #1e4fa8}
              span{display:block;color:#555;font-size:.9rem;margin-top:2px}
              .error{color:#b00020;font-weight:600}
            </style></head><body><main>
            <h1>Development sign-in</h1>
            <p>Choose a demo persona. This page exists only in Development, when Entra ID is not configured.</p>
            """);
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(WebUtility.HtmlEncode(error)).Append("</p>");
        }

        html.Append("<ul>");
        foreach (var persona in DemoPersonas.All)
        {
            var href = $"/dev/signin?persona={Uri.EscapeDataString(persona.Name)}&returnUrl={Uri.EscapeDataString(returnUrl)}";
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\"><strong>")
                .Append(WebUtility.HtmlEncode(persona.Name)).Append("</strong> — ").Append(WebUtility.HtmlEncode(persona.DisplayName))
                .Append(" · ").Append(WebUtility.HtmlEncode(persona.Email))
                .Append("<span>").Append(WebUtility.HtmlEncode(persona.Description)).Append("</span></a></li>");
        }

        html.Append("</ul></main></body></html>");
        return html.ToString();
    }
}
