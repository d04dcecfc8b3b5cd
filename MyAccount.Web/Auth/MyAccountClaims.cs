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
    /// The email address the identity provider asserts (the <c>email</c> claim), unless the provider says it is not verified
    /// (<c>email_verified=false</c>). Used only to match an invitation's addressee, never to identify anyone. The changeable
    /// <c>preferred_username</c> is never taken for it.
    /// </summary>
    public static string? Email(ClaimsPrincipal principal)
    {
        var email = principal.FindFirst("email")?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
        var verified = principal.FindFirst("email_verified")?.Value;
        if (string.Equals(verified, "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(email) ? null : email.Trim();
    }

    public static bool IsSupportAgent(this ClaimsPrincipal principal) => principal.IsInRole(SupportRole);

    public static AccountId? SelectedAccountId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(SelectedAccount)?.Value, out var id) ? new AccountId(id) : null;
}
