using Microsoft.AspNetCore.SignalR.Client;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Invoices;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// The real app in Development on a fresh SQLite file of its own: migrations and demo data run at start-up as they do
/// for a developer. Its clock is a <see cref="FakeTimeProvider"/> at <see cref="TestClock.Start"/> (demo data and every
/// period derive from it), the billing scheduler is off unless a test turns it on, and email goes to a temp folder. The
/// folder is deleted with the factory.
/// </summary>
public class MyAccountAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A request header only the test host reads: the client address the app sees (rate-limit partitions).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "myaccount-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => SharedSqlitePath ?? Path.Combine(_directory, "myaccount.db");

    /// <summary>Runs the app on this SQLite file instead of one of its own (two hosts on one database).</summary>
    public string? SharedSqlitePath { get; init; }

    /// <summary>Where the app writes email when no SMTP server is configured: never inside the source tree.</summary>
    public string PickupFolder => Path.Combine(_directory, "mail-outbox");

    public string Environment { get; init; } = "Development";

    /// <summary>The app's clock. Tests that need time to pass advance it.</summary>
    public FakeTimeProvider Clock { get; init; } = TestClock.Create();

    /// <summary>Extra settings, seen by Program.cs before the app is built (they win over the test host's defaults).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>The demo data's months, as the app's demo seeder computes them from the clock at start-up.</summary>
    public DemoPeriods DemoPeriods => DemoPeriods.For(Clock.GetUtcNow().UtcDateTime);

    /// <summary>The month the app's clock is in.</summary>
    public BillingMonth CurrentMonth => TestClock.MonthOf(Clock);

    /// <summary>The PostgreSQL database of this app when the suite runs on PostgreSQL (<see cref="TestDatabase"/>).</summary>
    private string? _postgreSql;

    /// <summary>Runs the app on this PostgreSQL database instead of a fresh one of its own (two hosts on one database).</summary>
    public string? SharedPostgreSql { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        if (TestDatabase.IsPostgreSql)
        {
            _postgreSql ??= SharedPostgreSql ?? TestDatabase.CreatePostgreSqlAsync().GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "PostgreSQL");
            builder.UseSetting("ConnectionStrings:MyAccount", _postgreSql);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:MyAccount", $"Data Source={DatabasePath}");
        }

        builder.UseSetting("Billing:Scheduler:Enabled", "false");
        // VAT is off unless a test turns it on (Development's settings turn it on for the local dashboard): the suite's totals stay net.
        builder.UseSetting("Tax:Enabled", "false");
        builder.UseSetting("Email:PickupFolder", PickupFolder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each one.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client the app sees at an address of its own: its own rate-limit partitions.</summary>
    public HttpClient CreateClientAt(IPAddress address)
    {
        var client = CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address.ToString());
        return client;
    }

    /// <summary>An address no other client of this factory uses (documentation range 198.51.100.0/24, then 203.0.113.0/24).</summary>
    public static IPAddress UniqueClientAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return new IPAddress([n < 255 ? (byte)198 : (byte)203, n < 255 ? (byte)51 : (byte)0, n < 255 ? (byte)100 : (byte)113, (byte)(n % 254 + 1)]);
    }

    private static int _addresses;

    /// <summary>Signs in through the development sign-in as a demo persona and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync(string persona)
    {
        var client = CreateBrowserLikeClient();
        var response = await client.GetAsync($"/dev/signin?persona={persona}");
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {persona} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>A started client of the live-update hub, signed in as a demo persona (long polling over the in-memory server).</summary>
    public async Task<HubConnection> ConnectHubAsync(string persona)
    {
        var signIn = await CreateBrowserLikeClient().GetAsync($"/dev/signin?persona={persona}");
        var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, MyAccount.Web.Live.AccountHub.Path), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>The antiforgery token of the page's forms (the sign-out form is on every dashboard page).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page = "/account/users")
    {
        var html = await client.GetStringAsync(page);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return token.Length > 0 ? token : throw new InvalidOperationException($"{page} has no form with an antiforgery token.");
    }

    /// <summary>Opens an account as the account switcher does: a POST with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SwitchAccountAsync(HttpClient client, object account, string returnUrl = "/account/users", string tokenPage = "/account/users")
    {
        var token = await AntiforgeryTokenAsync(client, tokenPage);
        return await client.PostAsync("/account/switch", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("account", account.ToString()!), new("returnUrl", returnUrl),
        ]));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgreSql is not null && SharedPostgreSql is null)
        {
            await TestDatabase.DropAsync(_postgreSql);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Sets the connection's remote address from <see cref="ClientAddressHeader"/>, before any app middleware.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, Func<Task> nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware();
            });
            next(app);
        };
    }
}
