using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Identity.Web;

namespace MyAccount.Web.Auth;

public enum AuthenticationMode
{
    /// <summary>Entra ID through Microsoft.Identity.Web (<c>AzureAd:ClientId</c> is configured).</summary>
    Entra,

    /// <summary>Demo personas at <c>/dev/signin</c>: only in Development without Entra configuration.</summary>
    Development,

    /// <summary>
    /// A standard OpenID Connect provider (<c>Oidc:Authority</c>), for providers Microsoft.Identity.Web cannot point at — the
    /// browser test's local provider. People are identified by the same <c>tid</c> + <c>oid</c> claims and the same app role.
    /// </summary>
    OpenIdConnect,
}

public static class AuthenticationSetup
{
    /// <summary>
    /// Entra ID when configured; otherwise the development sign-in, but only in Development. Anywhere else the app
    /// refuses to start and says what to configure: production never falls back to a development default.
    /// </summary>
    public static AuthenticationMode AddMyAccountAuthentication(this WebApplicationBuilder builder)
    {
        var entra = builder.Configuration.GetSection("AzureAd");
        AuthenticationMode mode;
        if (!string.IsNullOrWhiteSpace(entra["ClientId"]))
        {
            builder.Services.AddAuthentication(Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(entra);
            // The email claim is only compared with an invitation's address (add it as an optional claim in the registration).
            builder.Services.Configure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(
                Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectDefaults.AuthenticationScheme, options => options.Scope.Add("email"));
            mode = AuthenticationMode.Entra;
        }
        else if (builder.Configuration.GetSection("Oidc") is { } oidc && !string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            builder.Services.AddAuthentication(options =>
                {
                    options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    options.DefaultChallengeScheme = Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectDefaults.AuthenticationScheme;
                })
                .AddCookie()
                .AddOpenIdConnect(options =>
                {
                    options.Authority = oidc["Authority"];
                    options.ClientId = oidc["ClientId"];
                    options.ClientSecret = oidc["ClientSecret"];
                    options.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
                    options.ResponseType = "code";
                    options.ResponseMode = oidc["ResponseMode"] ?? "form_post";
                    options.UsePkce = true;
                    options.MapInboundClaims = false;
                    options.TokenValidationParameters.NameClaimType = "name";
                    options.TokenValidationParameters.RoleClaimType = "roles";
                    options.Scope.Add("profile");
                    options.Scope.Add("email");
                    if (!options.RequireHttpsMetadata)
                    {
                        // Plain-http local provider: the correlation and nonce cookies must survive a same-site GET redirect.
                        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                        options.NonceCookie.SameSite = SameSiteMode.Lax;
                        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    }
                });
            mode = AuthenticationMode.OpenIdConnect;
        }
        else if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options =>
                {
                    options.LoginPath = "/signin";
                    options.AccessDeniedPath = "/no-access";
                    options.Cookie.Name = "MyAccount.Dev";
                    options.Cookie.SameSite = SameSiteMode.Lax;
                    options.Cookie.HttpOnly = true;
                });
            mode = AuthenticationMode.Development;
        }
        else
        {
            throw new InvalidOperationException(
                $"Sign-in is not configured. Outside Development MyAccount signs people in with Entra ID: set AzureAd:Instance, AzureAd:TenantId, " +
                $"AzureAd:ClientId and AzureAd:ClientSecret (or AzureAd__ClientId etc. as environment variables). " +
                $"The development sign-in is only available when ASPNETCORE_ENVIRONMENT=Development (current: {builder.Environment.EnvironmentName}).");
        }

        // Sign-in cookies, correlation and nonce cookies and tokens are exchanged with browsers and identity providers, which keep
        // the wall clock: their lifetimes are measured on it. The domain's TimeProvider (a fixed fake clock in tests) would
        // otherwise issue cookies that a browser already considers expired.
        builder.Services.ConfigureAll<CookieAuthenticationOptions>(options =>
        {
            options.TimeProvider = TimeProvider.System;
            // A signed-in person refused a page (a member at /support) sees why, not the sign-in picker.
            options.AccessDeniedPath = "/no-access";
        });
        builder.Services.ConfigureAll<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(options => options.TimeProvider = TimeProvider.System);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authentication.IClaimsTransformation>(new SupportRoleTenants(builder.Configuration, mode));
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CurrentPerson>();
        return mode;
    }
}
