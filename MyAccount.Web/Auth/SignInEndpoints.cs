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

        // A GET so the switcher can navigate to it: it only chooses among accounts the person may already open.
        endpoints.MapGet("/account/switch", async (HttpContext http, AccountDirectory directory, Guid account, string? returnUrl) =>
        {
            // A GET that changes the cookie: refuse it when another site made the browser send it.
            if (http.Request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none"))
            {
                return Results.Problem("Switch accounts from the account menu.", statusCode: StatusCodes.Status403Forbidden);
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
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).RequireAuthorization().ExcludeFromDescription();

        return endpoints;
    }

    /// <summary>Only local paths are followed after sign-in, so the page cannot be used as an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl) && !returnUrl.Contains('\\')
            ? returnUrl
            : DefaultReturnUrl;
}
