using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Web;

/// <summary>Each development persona lands on its own account's data, rendered by the server.</summary>
public sealed class PersonaTests(PersonaTests.Fixture app) : IClassFixture<PersonaTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory;

    [Theory]
    [InlineData("admin", "Contoso Ltd", "alice@contoso.com", "mia@northwindtraders.com")]
    [InlineData("users", "Contoso Ltd", "uma@contoso.com", "klaus@fabrikam.com")]
    [InlineData("payments", "Contoso Ltd", "paul@contoso.com", "oliver@northwindtraders.com")]
    [InlineData("member", "Northwind Traders", "mia@northwindtraders.com", "alice@contoso.com")]
    public async Task Each_persona_sees_its_own_accounts_members_only(string persona, string account, string sees, string neverSees)
    {
        var client = await app.SignInAsync(persona);
        var response = await client.GetAsync("/account/users");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(account).And.Contain(sees).And.NotContain(neverSees);
        html.Should().Contain("<main>").And.Contain("<h1");
        CountOf(html, "<h1").Should().Be(1);
    }

    [Fact]
    public async Task The_subscriptions_tab_lists_current_and_previous_subscriptions()
    {
        var client = await app.SignInAsync("admin");
        var html = await client.GetStringAsync("/account/subscriptions");

        // As read: the words of a value may sit in their own elements (kept whole on a phone).
        var text = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""), @"\s+", " ");
        text.Should().Contain("Current subscriptions").And.Contain("Previous subscriptions")
            .And.Contain("Search API").And.Contain("USD 500.00").And.Contain("USD 0.002 per request");
    }

    [Fact]
    public async Task An_admin_of_two_accounts_can_switch_between_them_but_not_into_a_third()
    {
        var client = await app.SignInAsync("admin");
        var fabrikam = await AccountIdAsync("Fabrikam GmbH");
        var northwind = await AccountIdAsync("Northwind Traders");

        var switched = await MyAccountAppFactory.SwitchAccountAsync(client, fabrikam);
        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = await client.GetStringAsync("/account/users");
        html.Should().Contain("klaus@fabrikam.com").And.NotContain("uma@contoso.com");

        var refused = await MyAccountAppFactory.SwitchAccountAsync(client, northwind);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetStringAsync("/account/users")).Should().Contain("klaus@fabrikam.com");
    }

    [Fact]
    public async Task A_support_agent_sees_an_account_read_only_and_the_view_is_audited()
    {
        var client = await app.SignInAsync("support");
        (await MyAccountAppFactory.SwitchAccountAsync(client, await AccountIdAsync("Contoso Ltd"), tokenPage: "/support")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var html = await client.GetStringAsync("/account/users");

        html.Should().Contain("as a support agent").And.Contain("read-only");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.AuditEntries.Where(a => a.Action == "support.view" && a.ActorName == "Sam Support").CountAsync()).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_support_console_is_for_support_agents_only()
    {
        var support = await app.SignInAsync("support");
        (await support.GetStringAsync("/support")).Should().Contain("Support console").And.Contain("Contoso Ltd");

        var member = await app.SignInAsync("admin");
        var refused = await member.GetAsync("/support");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.Should().Be("/no-access", "a signed-in member gets a no-access page, not the sign-in picker");
        var page = await member.GetAsync(refused.Headers.Location);
        page.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await page.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"no-access\"").And.Contain("only for the vendor's support agents");
        (await member.GetStringAsync("/account/users")).Should().NotContain("Support console");
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token()
    {
        var client = await app.SignInAsync("member");
        var forged = await client.PostAsync("/signout", new FormUrlEncodedContent([]));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/account/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_with_the_pages_form_ends_the_session()
    {
        var client = await app.SignInAsync("member");
        var html = await client.GetStringAsync("/account/users");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty("the sign-out form carries an antiforgery token");

        var response = await client.PostAsync("/signout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/signed-out");
        (await client.GetAsync("/account/users")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private async Task<Guid> AccountIdAsync(string name)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        return (await db.Accounts.SingleAsync(a => a.Name == name)).Id.Value;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
