using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using MyAccount.Tests.Browser;
using MyAccount.Web.Cluster;
using Xunit.Abstractions;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Chromium on a two-instance cluster: a dashboard on one instance shows an invoice posted through the other within a second, also
/// through HAProxy with sticky sessions (the browser stays on its instance; its sign-in holds on either), and a member removed
/// through the other instance's Users page loses access in their open page, and their hub connection, at once.
/// </summary>
[Trait("Provider", "PostgreSQL")]
[Collection(ClusterFactAttribute.Collection)]
public sealed class ClusterBrowserTests(ClusterBrowser cluster, ITestOutputHelper output) : IClassFixture<ClusterBrowser>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(1);

    [ClusterFact]
    public async Task An_invoice_posted_through_B_appears_in_an_admin_s_invoices_page_on_A_within_a_second()
    {
        var page = await cluster.SignedInPageAsync(cluster.A.Address, "admin", "/account/invoices");

        var arrival = await LiveInvoiceProbe.PostAndWatchAsync(cluster, page, cluster.B);

        output.WriteLine($"B answered the billing run after {Ms(arrival.AnsweredAfter)}; invoice {arrival.Number} was in A's page {Ms(arrival.Latency)} after that answer.");
        arrival.Latency.Should().BeLessThanOrEqualTo(Live);
    }

    [ClusterFact]
    public async Task Through_the_balancer_a_browser_stays_on_its_instance_sees_an_invoice_posted_on_the_other_and_is_signed_in_on_either()
    {
        var context = await cluster.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = cluster.Balancer.Address.ToString() });
        var answeredBy = new ConcurrentQueue<(string Url, string Instance)>();
        context.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue(ClusterInstance.Header.ToLowerInvariant(), out var instance))
            {
                answeredBy.Enqueue((response.Url, instance));
            }
        };
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/signin?persona=admin&returnUrl=%2Faccount%2Finvoices");
        await BrowserFixture.WaitInteractiveAsync(page);
        var pinned = (await context.CookiesAsync()).Single(c => c.Name == Balancer.StickyCookie).Value;
        var other = pinned == cluster.A.Name ? cluster.B : cluster.A;

        var arrival = await LiveInvoiceProbe.PostAndWatchAsync(cluster, page, other);

        output.WriteLine($"Through HAProxy the browser is pinned to {pinned}; {other.Name} answered the billing run after {Ms(arrival.AnsweredAfter)}; " +
                         $"invoice {arrival.Number} was in the page {Ms(arrival.Latency)} after that answer.");
        arrival.Latency.Should().BeLessThanOrEqualTo(Live);
        answeredBy.Should().Contain(r => r.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal), "the circuit was opened through the balancer");
        answeredBy.Select(r => r.Instance).Distinct().Should().Equal([pinned], "every request of the session, the circuit's included, went to one instance");

        // The same browser, its balancer cookie now naming the other instance: the sign-in made on the first holds there.
        await context.ClearCookiesAsync(new BrowserContextClearCookiesOptions { Name = Balancer.StickyCookie });
        await context.AddCookiesAsync([new Cookie { Name = Balancer.StickyCookie, Value = other.Name, Url = cluster.Balancer.Address.ToString() }]);
        answeredBy.Clear();
        var response = await page.GotoAsync("/account/invoices");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=invoice-number]", new PageLocatorOptions { HasText = arrival.Number }).WaitForAsync();
        new Uri(page.Url).AbsolutePath.Should().Be("/account/invoices", "the person is not sent to sign in again");
        response!.Headers[ClusterInstance.Header.ToLowerInvariant()].Should().Be(other.Name);
        (await page.Locator("[data-testid=account-name]").InnerTextAsync()).Should().Be("Contoso Ltd");
        answeredBy.Select(r => r.Instance).Distinct().Should().Equal([other.Name]);
    }

    [ClusterFact]
    public async Task A_member_removed_through_B_s_users_page_loses_access_in_their_open_page_on_A_at_once()
    {
        var uma = await cluster.SignedInPageAsync(cluster.A.Address, "users", "/account/invoices");
        await uma.Locator("[data-testid=account-name]").WaitForAsync();
        await using var umaHub = await ClusterHub.ConnectAsync(cluster.A, "users");
        var hubClosed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var alice = await cluster.SignedInPageAsync(cluster.B.Address, "admin", "/account/users");
        await alice.GetByLabel("Remove uma@contoso.com").ClickAsync();
        await alice.GetByText("Remove uma@contoso.com from Contoso Ltd?").WaitForAsync();

        var contoso = await cluster.ContosoAsync();
        var watch = Stopwatch.StartNew();
        umaHub.Closed += _ =>
        {
            hubClosed.TrySetResult(watch.Elapsed);
            return Task.CompletedTask;
        };
        var lost = PageWatch.WhenAsync(uma, watch, "[data-testid=no-account]");
        var reported = PageWatch.WhenAsync(alice, watch, ".mud-snackbar", containing: "uma@contoso.com was removed.");
        var committed = cluster.Database.WhenNoLongerMemberAsync("uma@contoso.com", contoso, watch, TimeSpan.FromSeconds(30));
        await alice.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remove", Exact = true }).ClickAsync();
        var confirmed = watch.Elapsed;
        var (_, reportedAt) = await reported.WaitAsync(TimeSpan.FromSeconds(30));
        var committedAt = await committed;
        var (_, lostAt) = await lost.WaitAsync(TimeSpan.FromSeconds(30));
        var hubClosedAt = await hubClosed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The removal took effect when it committed: the earlier of the commit seen in the database and B's report (both come after it).
        var removedAt = committedAt < reportedAt ? committedAt : reportedAt;
        output.WriteLine($"Alice clicked Remove on B at {Ms(confirmed)}; the removal committed at {Ms(committedAt)} and B reported it at {Ms(reportedAt)}; " +
                         $"Uma's page on A showed she has no access at {Ms(lostAt)}: {Ms(lostAt - removedAt)} after the removal; " +
                         $"A closed her hub connection {Ms(hubClosedAt - removedAt)} after it.");
        (lostAt - removedAt).Should().BeLessThanOrEqualTo(Live, "the removal reaches A over Redis and A's page drops the account at once");
        (hubClosedAt - removedAt).Should().BeLessThanOrEqualTo(Live, "A re-checks its hub connections of the account when the change arrives");
        (await uma.Locator("[data-testid=account-name]").CountAsync()).Should().Be(0);

        // And A refuses her on a fresh request too: it checks the database, not what the page knew.
        await uma.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(uma);
        await uma.Locator("[data-testid=no-account]").WaitForAsync();
    }

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";
}
