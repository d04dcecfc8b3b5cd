using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Browser;

/// <summary>
/// The real app on a loopback Kestrel port (fresh SQLite file, demo data, no scheduler so tests post invoices themselves),
/// driven by Debian's Chromium through Playwright. `.ci/run` installs Chromium; the test fails with a clear message without it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public MyAccountAppFactory App { get; } = new()
    {
        Settings = new() { ["RateLimits:SignInPerMinute"] = "1000" },
    };

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "TestResults", "screenshots");

    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>Debian's Chromium, headless, as every browser test drives it (the browser journeys and the cluster's).</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {Chromium}: apt-get install -y chromium (test.sh and .ci/run do).");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A signed-in page of its own (own cookies), waiting until the circuit is interactive.</summary>
    public async Task<IPage> SignedInPageAsync(string persona, string path, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/dev/signin?persona={persona}&returnUrl={Uri.EscapeDataString(path)}");
        await WaitInteractiveAsync(page);
        return page;
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#app-ready[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    /// <summary>Screenshots at desktop and phone width, and axe: no violation of impact moderate or worse.</summary>
    public async Task CheckPageAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-desktop.png"), FullPage = true });
        var width = page.ViewportSize!.Width;
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(width, 900);

        var results = await page.RunAxe();
        var violations = results.Violations.Where(v => v.Impact is "moderate" or "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html + " " + n.Any.FirstOrDefault()?.Message))}")
            .ToList();
        violations.Should().BeEmpty($"{name} should have no accessibility violations of moderate impact or worse");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
