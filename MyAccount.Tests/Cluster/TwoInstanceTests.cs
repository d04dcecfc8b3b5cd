using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Demo;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Cluster;
using Xunit.Abstractions;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Two real instances, A and B, on one PostgreSQL database and one Redis (schedulers off): a sign-in and a form token from A are
/// accepted by B, and an invoice posted through B reaches a hub client on A. (A member removed through B: <see cref="ClusterBrowserTests"/>.)
/// </summary>
[Trait("Provider", "PostgreSQL")]
[Collection(ClusterFactAttribute.Collection)]
public sealed class TwoInstanceTests(TwoInstanceTests.Cluster cluster, ITestOutputHelper output) : IClassFixture<TwoInstanceTests.Cluster>
{
    public sealed class Cluster : IAsyncLifetime
    {
        public ClusterDatabase Database { get; private set; } = null!;
        public AppProcess A { get; private set; } = null!;
        public AppProcess B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            if (!TestDatabase.IsPostgreSql)
            {
                return;
            }

            Database = new ClusterDatabase(await TestDatabase.CreatePostgreSqlAsync());
            // One after the other on a new database: A creates the tables' demo data and the data-protection key, B finds both.
            A = await AppProcess.StartAsync("a", ClusterSettings.For(Database.ConnectionString, scheduler: false));
            B = await AppProcess.StartAsync("b", ClusterSettings.For(Database.ConnectionString, scheduler: false));
        }

        public async Task DisposeAsync()
        {
            if (!TestDatabase.IsPostgreSql)
            {
                return;
            }

            await A.DisposeAsync();
            await B.DisposeAsync();
            await TestDatabase.DropAsync(Database.ConnectionString);
        }
    }

    [ClusterFact]
    public async Task A_person_signed_in_through_A_is_signed_in_on_B_and_A_s_form_tokens_are_accepted_there()
    {
        var cookies = new CookieContainer();
        using var a = cluster.A.CreateClient(cookies);
        using var b = cluster.B.CreateClient(cookies); // a browser behind the balancer: one cookie jar, whichever instance answers

        (await a.GetAsync("/dev/signin?persona=admin")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await b.GetAsync("/account/users");

        page.StatusCode.Should().Be(HttpStatusCode.OK, "B reads the sign-in cookie A issued");
        page.Headers.GetValues(ClusterInstance.Header).Should().Equal("b");
        (await page.Content.ReadAsStringAsync()).Should().Contain("Contoso Ltd");

        // A form rendered by A (antiforgery cookie and token from A), posted to B: switching accounts answers a redirect, not 400.
        var token = await MyAccountAppFactory.AntiforgeryTokenAsync(a);
        var switched = await b.PostAsync("/account/switch", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("account", (await FabrikamAsync()).ToString()), new("returnUrl", "/account/users"),
        ]));
        switched.StatusCode.Should().Be(HttpStatusCode.Redirect, "B accepts the antiforgery token A rendered");
        switched.Headers.Location!.OriginalString.Should().Be("/account/users");
    }

    [ClusterFact]
    public async Task An_invoice_posted_through_B_reaches_a_hub_client_on_A_within_a_second_and_once()
    {
        await using var hub = await ClusterHub.ConnectAsync(cluster.A, "admin");
        var received = new List<(string Number, TimeSpan At)>();
        var watch = Stopwatch.StartNew();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("InvoicePosted", e =>
        {
            lock (received)
            {
                received.Add((e.GetProperty("number").GetString()!, watch.Elapsed));
                if (received.Count == 2)
                {
                    second.TrySetResult();
                }
            }
        });
        using var b = cluster.B.CreateClient();
        b.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClusterSettings.OperatorKey);
        var demo = DemoPeriods.For(TestClock.Start.UtcDateTime);

        var first = await RunAsync(b, demo.FirstMonth.ToString());
        var answered = watch.Elapsed;
        await Eventually.UntilAsync(() => Task.FromResult(Count(received) >= 1), TimeSpan.FromSeconds(1) + answered, "the invoice reaches A's hub client");
        var latency = received[0].At - answered;
        output.WriteLine($"B answered the billing run after {answered.TotalMilliseconds:0} ms; A's hub client had the invoice {latency.TotalMilliseconds:0} ms after that answer (negative: before it).");
        latency.Should().BeLessThan(TimeSpan.FromSeconds(1));

        // A second run: when its invoice arrives, the first one must not have come twice (same backplane channel, in order).
        await RunAsync(b, demo.FirstMonth.Next.ToString());
        await second.Task.WaitAsync(TimeSpan.FromSeconds(5));
        first.GetProperty("invoicesPosted").GetInt32().Should().BePositive();
        lock (received)
        {
            received.Select(r => r.Number).Should().OnlyHaveUniqueItems().And.HaveCount(2, "each of Contoso's invoices arrives once");
        }
    }

    private static int Count(List<(string, TimeSpan)> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }

    private async Task<Guid> FabrikamAsync()
    {
        await using var db = cluster.Database.CreateDbContext();
        return (await db.Accounts.SingleAsync(a => a.Name == "Fabrikam GmbH")).Id.Value;
    }

    private static async Task<JsonElement> RunAsync(HttpClient b, string period)
    {
        var response = await b.PostAsJsonAsync("/api/v1/billing/runs", new { period });
        response.EnsureSuccessStatusCode();
        response.Headers.GetValues(ClusterInstance.Header).Should().Equal("b");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
