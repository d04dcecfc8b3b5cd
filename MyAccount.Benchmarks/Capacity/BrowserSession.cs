using System.Net;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>One simulated person: a cookie jar signed in through the benchmark host's sign-in, and the tabs they open.</summary>
internal sealed class BrowserSession : IDisposable
{
    public BrowserSession(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; } = new();

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>Signs in as the member with this email (the benchmark host binds a synthetic identity to them).</summary>
    public async Task SignInAsync(string email, CancellationToken ct = default)
    {
        using var response = await Http.GetAsync($"/bench/signin?email={Uri.EscapeDataString(email)}", ct);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}.");
        }
    }

    public Task<CircuitClient> OpenAsync(string path, CancellationToken ct = default) => CircuitClient.OpenAsync(this, path, ct);

    public void Dispose() => Http.Dispose();
}
