using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace MyAccount.Web.Auth;

/// <summary>
/// The support role counts only for sign-ins from the vendor's own directory. With a multi-organisation Entra registration any
/// customer organisation can assign the app role <c>MyAccount.Support</c> to its own users in its copy of the app; their role
/// claim is dropped unless their tenant (<c>tid</c>) is the vendor's: <c>Support:TenantIds</c>, else a single
/// <c>AzureAd:TenantId</c>. With <c>organizations</c>/<c>common</c> and no <c>Support:TenantIds</c>, nobody is a support agent.
/// </summary>
public sealed class SupportRoleTenants : IClaimsTransformation
{
    private readonly HashSet<string>? _allowed;

    public SupportRoleTenants(IConfiguration configuration, AuthenticationMode mode)
    {
        var configured = configuration.GetSection("Support:TenantIds").Get<string[]>() ?? [];
        if (configured.Length > 0)
        {
            _allowed = configured.Select(t => t.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        }
        else if (mode == AuthenticationMode.Entra)
        {
            var tenant = configuration["AzureAd:TenantId"];
            _allowed = Guid.TryParse(tenant, out var id) ? [id.ToString()] : [];
        }
    }

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (_allowed is null || !principal.IsSupportAgent())
        {
            return Task.FromResult(principal);
        }

        var tenant = principal.FindFirst("tid")?.Value ?? principal.FindFirst("http://schemas.microsoft.com/identity/claims/tenantid")?.Value;
        if (tenant is not null && _allowed.Contains(tenant.Trim().ToLowerInvariant()))
        {
            return Task.FromResult(principal);
        }

        foreach (var identity in principal.Identities)
        {
            foreach (var role in identity.FindAll(c => c.Type == identity.RoleClaimType && c.Value == MyAccountClaims.SupportRole).ToList())
            {
                identity.RemoveClaim(role);
            }
        }

        return Task.FromResult(principal);
    }
}
