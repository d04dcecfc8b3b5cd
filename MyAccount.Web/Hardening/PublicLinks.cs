using MyAccount.Domain.Common;

namespace MyAccount.Web.Hardening;

/// <summary>
/// The address people reach MyAccount at, for links sent by email (invitations): <c>App:PublicBaseUrl</c>, e.g.
/// <c>https://account.example.com/</c>. Links are never built from the request's Host header, which a client chooses. In
/// Development without the setting, the local address the dashboard runs at is used; elsewhere an invitation is refused
/// with a message naming the setting until it is configured.
/// </summary>
public sealed class PublicLinks
{
    public const string Setting = "App:PublicBaseUrl";

    private readonly Uri? _configured;
    private readonly bool _development;

    public PublicLinks(IConfiguration configuration, IWebHostEnvironment environment)
        : this(configuration[Setting], environment.IsDevelopment())
    {
    }

    public PublicLinks(string? text, bool development)
    {
        _development = development;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidOperationException($"{Setting} must be an absolute http(s) address without query, e.g. https://account.example.com/ (got '{text}').");
        }

        _configured = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>The base for links; <paramref name="localBase"/> is the address of the running app, used only in Development.</summary>
    public Uri BaseFor(string localBase) =>
        _configured
        ?? (_development
            ? new Uri(localBase)
            : throw new DomainValidationException("publicBaseUrl",
                $"Invitation links cannot be sent yet: the address of MyAccount ({Setting}) is not configured. Ask the vendor's operators to set it."));

    public Uri BaseFor(HttpRequest request) => BaseFor($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
