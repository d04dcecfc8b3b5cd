using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Antiforgery;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;

namespace MyAccount.Web.Auth;

/// <summary><c>/signin</c>, <c>/signout</c> and the account switcher's <c>/account/switch</c>.</summary>
public static class SignInEndpoints
{
    public const string DefaultReturnUrl = "/account/users";

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder endpoints, AuthenticationMode mode)
    {
        endpoints.MapGet("/signin", (string? returnUrl) =>
        {
            var target = SafeReturnUrl(returnUrl);
            return mode is AuthenticationMode.Entra or AuthenticationMode.OpenIdConnect
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.Redirect($"/dev/signin?returnUrl={Uri.EscapeDataString(target)}");
        }).AllowAnonymous().RequireRateLimiting(Hardening.RateLimits.SignIn).ExcludeFromDescription();

        endpoints.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // Signing out is a POST from the app bar's form: refuse one that another site made the browser send.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem("The sign-out request was not sent from MyAccount. Use the Sign out button.", statusCode: StatusCodes.Status400BadRequest);
            }

            var after = new AuthenticationProperties { RedirectUri = "/signed-out" };
            return mode is AuthenticationMode.Entra or AuthenticationMode.OpenIdConnect
                ? Results.SignOut(after, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
                : Results.SignOut(after, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();

        // Switching accounts changes the sign-in cookie: a POST from MyAccount's own forms (account switcher, support console,
        // invitation page), with an antiforgery token. Another site cannot make the browser send it.
        endpoints.MapPost("/account/switch", async (HttpContext http, AccountDirectory directory, IAntiforgery antiforgery) =>
        {
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem("The request to switch accounts was not sent from MyAccount. Use the account menu.", statusCode: StatusCodes.Status400BadRequest);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (!Guid.TryParse(form["account"], out var account))
            {
                return Results.Problem("Choose an account to open.", statusCode: StatusCodes.Status400BadRequest);
            }

            var principal = http.User;
            var person = principal.ToPersonIdentity();
            if (person is null)
            {
                return Results.Forbid();
            }

            // Only an account the person may open can be selected; anything else is refused.
            var resolved = await directory.ResolveAsync(person, principal.IsSupportAgent(), new AccountId(account), http.RequestAborted);
            if (resolved.CurrentAccount?.Id.Value != account)
            {
                return Results.Problem("You cannot open that account.", statusCode: StatusCodes.Status403Forbidden);
            }

            var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var identity = new ClaimsIdentity(principal.Claims.Where(c => c.Type != MyAccountClaims.SelectedAccount),
                principal.Identity?.AuthenticationType, "name", principal.Identities.First().RoleClaimType);
            identity.AddClaim(new Claim(MyAccountClaims.SelectedAccount, account.ToString()));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), result.Properties);
            return Results.LocalRedirect(SafeReturnUrl(form["returnUrl"]));
        }).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();

        return endpoints;
    }

    /// <summary>
    /// Only local paths are followed after sign-in, so the page cannot be used as an open redirect. Characters outside ASCII
    /// are percent-encoded (a redirect header carries ASCII only).
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2048 && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl) && !returnUrl.Contains('\\')
            ? AsciiOnly(returnUrl)
            : DefaultReturnUrl;

    private static string AsciiOnly(string path)
    {
        if (path.All(char.IsAscii))
        {
            return path;
        }

        var text = new System.Text.StringBuilder(path.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                text.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
