using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MyAccount.Web.Hardening;

/// <summary>
/// Running behind a TLS-terminating proxy: the client's address (for rate limits and audit) and the original scheme and host (for
/// secure cookies and links) come from <c>X-Forwarded-For</c> / <c>-Proto</c> / <c>-Host</c>, but only when the request arrives
/// from a trusted proxy: loopback by default, more with <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR). Cookies are <c>Secure</c> whenever the request is HTTPS; HSTS lasts a year and
/// covers subdomains.
/// </summary>
public static class TransportSecurity
{
    public static WebApplicationBuilder AddMyAccountTransportSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = section.GetValue("ForwardLimit", 1);
            // Start from loopback only, whatever a hosting platform's defaults (ASPNETCORE_FORWARDEDHEADERS_ENABLED clears the
            // lists, which would trust everyone): only configured proxies are added.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Add(IPAddress.Loopback);
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR network such as 10.0.0.0/8."));
            }

            // Hosts the app answers to when a proxy forwards X-Forwarded-Host (empty: any, as without a proxy).
            options.AllowedHosts = section.GetSection("AllowedHosts").Get<string[]>() ?? [];
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }
}
