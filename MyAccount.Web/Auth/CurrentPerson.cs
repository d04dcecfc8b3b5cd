using Microsoft.AspNetCore.Components.Authorization;
using MyAccount.Domain.Accounts;

namespace MyAccount.Web.Auth;

/// <summary>
/// The signed-in person of this circuit, resolved once from the authentication state into memberships and an actor.
/// The actor carries identity only: services re-check permissions on every call.
/// </summary>
public sealed class CurrentPerson(AuthenticationStateProvider authentication, AccountDirectory directory)
{
    private Task<SignedInPerson>? _resolved;

    public Task<SignedInPerson> GetAsync() => _resolved ??= ResolveAsync();

    /// <summary>Resolves again, after the person's memberships or permissions may have changed.</summary>
    public Task<SignedInPerson> RefreshAsync() => _resolved = ResolveAsync();

    private async Task<SignedInPerson> ResolveAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var principal = state.User;
        var identity = principal.Identity?.IsAuthenticated == true ? principal.ToPersonIdentity() : null;
        return identity is null
            ? new SignedInPerson(null, null, [], IsSupportAgent: false)
            : await directory.ResolveAsync(identity, principal.IsSupportAgent(), principal.SelectedAccountId());
    }
}
