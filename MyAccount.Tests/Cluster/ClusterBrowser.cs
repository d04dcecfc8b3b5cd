using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MyAccount.Domain.Demo;
using MyAccount.Tests.Browser;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Two real instances, a and b (schedulers off), on one PostgreSQL database and one Redis, HAProxy in front of them
/// (<see cref="Balancer"/>), and Debian's Chromium driving pages on either instance or through the balancer. The first month is
/// billed at start-up, so every account has an invoice and an open invoice list shows when its page is live.
/// </summary>
public sealed class ClusterBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ClusterDatabase Database { get; private set; } = null!;
    public AppProcess A { get; private set; } = null!;
    public AppProcess B { get; private set; } = null!;
    public Balancer Balancer { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!TestDatabase.IsPostgreSql)
        {
            return;
        }

        Database = new ClusterDatabase(await TestDatabase.CreatePostgreSqlAsync());
        var settings = ClusterSettings.For(Database.ConnectionString, scheduler: false);
        settings["RateLimits:SignInPerMinute"] = "1000";
        A = await AppProcess.StartAsync("a", settings);
        B = await AppProcess.StartAsync("b", settings);
        Balancer = await Balancer.StartAsync(A, B);
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);

        using var api = OperatorClient(A);
        var first = await api.PostAsJsonAsync("/api/v1/billing/runs", new { period = DemoPeriods.For(TestClock.Start.UtcDateTime).FirstMonth.ToString() });
        first.EnsureSuccessStatusCode();
    }

    public AppProcess Instance(string name) => name == A.Name ? A : name == B.Name ? B : throw new ArgumentOutOfRangeException(nameof(name), name, null);

    /// <summary>A page in a browser context of its own (own cookies) on <paramref name="site"/>, signed in as a demo persona, interactive.</summary>
    public async Task<IPage> SignedInPageAsync(Uri site, string persona, string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/dev/signin?persona={persona}&returnUrl={Uri.EscapeDataString(path)}");
        await BrowserFixture.WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>A client of an instance's operator API (<c>/api/v1</c>), with the development operator key.</summary>
    public static HttpClient OperatorClient(AppProcess instance)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClusterSettings.OperatorKey);
        return client;
    }

    public async Task<Guid> ContosoAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.Accounts.SingleAsync(a => a.Name == "Contoso Ltd")).Id.Value;
    }

    public async Task DisposeAsync()
    {
        if (!TestDatabase.IsPostgreSql)
        {
            return;
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var part in new IAsyncDisposable?[] { Balancer, A, B })
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }

        if (Database is not null)
        {
            await TestDatabase.DropAsync(Database.ConnectionString);
        }
    }
}
