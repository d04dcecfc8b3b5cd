using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MyAccount.Domain.Demo;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Browser;

/// <summary>
/// The OpenID Connect sign-in end to end in Chromium, against a local provider (the npm package oauth2-mock-server, installed
/// by .ci/run). Microsoft.Identity.Web only accepts Microsoft authorities, so the app's standard OpenID Connect mode
/// (<c>Oidc:Authority</c>) is used: the same redirect flow, and the same tid + oid binding and app role.
/// </summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private static readonly string ProviderFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Browser", "oidc"));
    private readonly string _claimsFile = Path.Combine(Path.GetTempPath(), $"myaccount-oidc-claims-{Guid.NewGuid():N}.json");
    private Process _provider = null!;
    private MyAccountAppFactory _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(ProviderFolder, "node_modules", "oauth2-mock-server")))
        {
            throw new InvalidOperationException($"The test OpenID Connect provider is not installed: npm ci --prefix {ProviderFolder} (.ci/run does).");
        }

        var port = FreePort();
        WriteClaims(DemoPersonas.Admin, roles: []);
        _provider = Process.Start(new ProcessStartInfo("node", ["server.mjs", port.ToString(System.Globalization.CultureInfo.InvariantCulture), _claimsFile])
        {
            WorkingDirectory = ProviderFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var ready = await _provider.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        ready.Should().StartWith("ready", "the provider prints ready once listening");

        _app = new MyAccountAppFactory
        {
            Settings = new()
            {
                ["Oidc:Authority"] = $"http://127.0.0.1:{port}",
                ["Oidc:ClientId"] = "myaccount-tests",
                ["Oidc:ClientSecret"] = "not-a-secret",
                ["Oidc:RequireHttpsMetadata"] = "false",
                ["Oidc:ResponseMode"] = "query",
            },
        };
        _app.UseKestrel(0);
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private void WriteClaims(DemoPersona persona, string[] roles) =>
        File.WriteAllText(_claimsFile, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tid"] = persona.Identity.TenantId,
            ["oid"] = persona.Identity.ObjectId,
            ["sub"] = persona.Identity.ObjectId,
            ["name"] = persona.DisplayName,
            ["email"] = persona.Email,
            ["roles"] = roles,
        }));

    private async Task<IPage> SignInAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl });
        var page = await context.NewPageAsync();
        // An anonymous visit goes through the provider's /authorize and back to /signin-oidc, then to the page asked for.
        await page.GotoAsync("/account/users");
        await BrowserFixture.WaitInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task A_person_signs_in_through_the_redirect_flow_and_lands_on_their_account()
    {
        var page = await SignInAsync();

        new Uri(page.Url).AbsolutePath.Should().Be("/account/users");
        (await page.Locator("[data-testid=signed-in-name]").InnerTextAsync()).Should().Be("Alice Admin");
        (await page.Locator("[data-testid=account-name]").InnerTextAsync()).Should().Be("Contoso Ltd");
        await page.Locator("[data-testid=member-email]", new PageLocatorOptions { HasText = "alice@contoso.com" }).WaitForAsync();
    }

    [Fact]
    public async Task The_app_role_claim_makes_the_person_a_support_agent()
    {
        WriteClaims(DemoPersonas.Support, roles: ["MyAccount.Support"]);
        var page = await SignInAsync();

        // A support agent lands in the support console, with no customer account open (no support view is recorded).
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/support");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Support console" }).WaitForAsync();
        (await page.Locator("[data-testid=support-banner]").CountAsync()).Should().Be(0);
        (await page.Locator("[data-testid=invite]").CountAsync()).Should().Be(0);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        if (!_provider.HasExited)
        {
            _provider.Kill(entireProcessTree: true);
            await _provider.WaitForExitAsync();
        }

        _provider.Dispose();
        File.Delete(_claimsFile);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
