using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Identity.Web;

namespace MyAccount.Web.Auth;

public enum AuthenticationMode
{
    /// <summary>Entra ID through Microsoft.Identity.Web (<c>AzureAd:ClientId</c> is configured).</summary>
    Entra,

    /// <summary>Demo personas at <c>/dev/signin</c>: only in Development without Entra configuration.</summary>
    Development,
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
            mode = AuthenticationMode.Entra;
        }
        else if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options =>
                {
                    options.LoginPath = "/signin";
                    options.AccessDeniedPath = "/signin";
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

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CurrentPerson>();
        return mode;
    }
}
