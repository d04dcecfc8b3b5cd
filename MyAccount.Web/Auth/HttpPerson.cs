using MyAccount.Domain.Accounts;

namespace MyAccount.Web.Auth;

/// <summary>The signed-in person of a plain HTTP request (file downloads, the hub), resolved like the dashboard's.</summary>
public static class HttpPerson
{
    public static async Task<SignedInPerson> ResolveAsync(System.Security.Claims.ClaimsPrincipal user, AccountDirectory directory, CancellationToken ct)
    {
        var identity = user.Identity?.IsAuthenticated == true ? user.ToPersonIdentity() : null;
        return identity is null
            ? new SignedInPerson(null, null, [], IsSupportAgent: false)
            : await directory.ResolveAsync(identity, user.IsSupportAgent(), user.SelectedAccountId(), ct);
    }
}
