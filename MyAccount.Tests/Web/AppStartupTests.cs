using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Web;

public sealed class AppStartupTests(AppStartupTests.Fixture app) : IClassFixture<AppStartupTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory;

    [Fact]
    public async Task Starts_on_an_empty_database_with_migrations_and_demo_data()
    {
        var response = await app.CreateClient().GetAsync("/healthz/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<HealthBody>();
        body!.Status.Should().Be("Healthy");
        body.Checks.Should().ContainSingle("without Redis configured, readiness is the database's").Which.Description.Should().Be("Database reachable; 3 account(s).");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.UsageEvents.CountAsync()).Should().BeGreaterThan(5_000);
        if (TestDatabase.IsPostgreSql)
        {
            db.Database.IsNpgsql().Should().BeTrue("the suite runs on PostgreSQL");
            (await db.UsageDailyTotals.SumAsync(t => t.Quantity)).Should().Be(await db.UsageEvents.SumAsync(e => e.Quantity), "the rollups were rebuilt");
            return;
        }

        File.Exists(app.DatabasePath).Should().BeTrue();
        var journal = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        journal.Should().Equal("wal");
    }

    [Fact]
    public async Task An_anonymous_visit_to_the_users_tab_is_sent_to_sign_in()
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync("/account/users");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/signin?ReturnUrl=%2Faccount%2Fusers");

        var signIn = await client.GetAsync(response.Headers.Location);
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.Should().Be("/dev/signin?returnUrl=%2Faccount%2Fusers");
    }

    [Fact]
    public async Task The_development_sign_in_lists_every_persona()
    {
        var html = await app.CreateClient().GetStringAsync("/dev/signin");
        foreach (var persona in new[] { "admin", "users", "payments", "member", "support" })
        {
            html.Should().Contain($"persona={persona}&amp;returnUrl=");
        }
    }

    [Fact]
    public async Task An_unknown_persona_is_refused_and_nobody_is_signed_in()
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.GetAsync("/dev/signin?persona=root");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("There is no demo persona called &#39;root&#39;.");
        (await client.GetAsync("/account/users")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_site()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/dev/signin?persona=admin&returnUrl=https://evil.example/");
        response.Headers.Location!.OriginalString.Should().Be("/account/users");
    }

    private sealed record HealthBody(string Status, List<HealthCheck> Checks);

    private sealed record HealthCheck(string Name, string Status, string Description);
}
