using Microsoft.Playwright;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>
/// The tool's figures against a real browser: the same number of tabs opened by Debian's Chromium (through Playwright) and by
/// the tool, on the same tabs, measured the same way (managed memory in the host after a full collection, released on close).
/// </summary>
internal static class ChromiumCrossCheck
{
    private const string Chromium = "/usr/bin/chromium";

    public static async Task RunAsync(HostProcess host, CapacityWorld world, int tabs)
    {
        if (!File.Exists(Chromium))
        {
            Console.WriteLine($"Chromium cross-check skipped: {Chromium} is not installed (apt-get install -y chromium).");
            return;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address.ToString() });
        var signIn = await context.APIRequest.GetAsync($"bench/signin?email={Uri.EscapeDataString(world.Dashboard.Members[0])}");
        if (signIn.Status != 204)
        {
            throw new InvalidOperationException($"Chromium's sign-in answered {signIn.Status}.");
        }

        using var session = new BrowserSession(host.Address);
        await session.SignInAsync(world.Dashboard.Members[0]);
        Console.WriteLine($"cross-check with Chromium ({tabs} tabs each, managed memory released on close, per circuit):");
        foreach (var (tab, path) in CapacityBenchmark.Tabs)
        {
            var before = await CapacityBenchmark.SettledMemoryAsync(host);
            var pages = new List<IPage>();
            for (var i = 0; i < tabs; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                await page.Locator("#app-ready[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                pages.Add(page);
            }

            var withChromium = await CapacityBenchmark.SettledMemoryAsync(host);
            foreach (var page in pages)
            {
                // Leaving the page sends blazor.web.js's disconnect beacon, as closing a real tab does.
                await page.GotoAsync("about:blank");
                await page.CloseAsync();
            }

            await CapacityBenchmark.WaitForCircuitsAsync(host, before.Circuits);
            var afterChromium = await CapacityBenchmark.SettledMemoryAsync(host);

            var open = await CapacityBenchmark.OpenManyAsync(session, path, tabs, parallel: 1);
            var withTool = await CapacityBenchmark.SettledMemoryAsync(host);
            await open.DisposeAsync();
            await CapacityBenchmark.WaitForCircuitsAsync(host, before.Circuits);
            var afterTool = await CapacityBenchmark.SettledMemoryAsync(host);
            Console.WriteLine($"  {tab,-13} Chromium {(withChromium.ManagedBytes - afterChromium.ManagedBytes) / 1024.0 / tabs,6:F0} KB, " +
                              $"tool {(withTool.ManagedBytes - afterTool.ManagedBytes) / 1024.0 / tabs,6:F0} KB");
        }
    }
}
