using System.Security.Claims;
using Microsoft.Identity.Web;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;

namespace MyAccount.Web.Auth;

/// <summary>What MyAccount reads from, and adds to, the signed-in principal.</summary>
public static class MyAccountClaims
{
    /// <summary>The Entra app role that makes a person a vendor support agent.</summary>
    public const string SupportRole = "MyAccount.Support";

    /// <summary>The account the person is acting in, chosen with the account switcher.</summary>
    public const string SelectedAccount = "myaccount_account";

    /// <summary>
    /// The person as the identity provider names them (<c>tid</c> + <c>oid</c>), or null when the token lacks them.
    /// Email and preferred_username are never used to identify anyone.
    /// </summary>
    public static PersonIdentity? ToPersonIdentity(this ClaimsPrincipal principal)
    {
        var tenantId = principal.GetTenantId();
        var objectId = principal.GetObjectId();
        if (string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(objectId))
        {
            return null;
        }

        var name = principal.FindFirst("name")?.Value ?? principal.Identity?.Name ?? "Signed-in user";
        return new PersonIdentity(tenantId.ToLowerInvariant(), objectId.ToLowerInvariant(), name, Email(principal));
    }

    /// <summary>
    /// The email address the identity provider asserts: the <c>email</c> claim, else an email-shaped <c>preferred_username</c>
    /// (Entra's sign-in name). Used only to match an invitation's addressee, never to identify anyone.
    /// </summary>
    public static string? Email(ClaimsPrincipal principal)
    {
        var email = principal.FindFirst("email")?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
        if (string.IsNullOrWhiteSpace(email))
        {
            var username = principal.FindFirst("preferred_username")?.Value;
            email = username is not null && username.Contains('@', StringComparison.Ordinal) ? username : null;
        }

        return string.IsNullOrWhiteSpace(email) ? null : email.Trim();
    }

    public static bool IsSupportAgent(this ClaimsPrincipal principal) => principal.IsInRole(SupportRole);

    public static AccountId? SelectedAccountId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(SelectedAccount)?.Value, out var id) ? new AccountId(id) : null;
}
