using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Api;
using MyAccount.Web.Auth;

namespace MyAccount.Tests.Web;

/// <summary>Tests for the defects a review of the change found: each would have caught its bug.</summary>
public sealed class ReviewFixesTests(ReviewFixesTests.Fixture app) : IClassFixture<ReviewFixesTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory
    {
        public Fixture() => Settings = new();
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/%09/evil.example\n")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public void Return_urls_with_control_characters_or_backslashes_are_not_followed(string returnUrl) =>
        SignInEndpoints.SafeReturnUrl(returnUrl).Should().Be(SignInEndpoints.DefaultReturnUrl);

    [Fact]
    public void A_local_return_url_is_kept() => SignInEndpoints.SafeReturnUrl("/account/invoices?page=2").Should().Be("/account/invoices?page=2");

    [Fact]
    public void Past_due_invoices_have_a_status_in_the_api() => ApiFormats.Status(InvoiceStatus.PastDue).Should().Be("past-due");

    [Fact]
    public async Task Switching_accounts_is_a_post_with_the_antiforgery_token()
    {
        var client = await app.SignInAsync("admin");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var fabrikam = (await db.Accounts.SingleAsync(a => a.Name == "Fabrikam GmbH")).Id;

        // The old GET link, and a form another site could post (no token), change nothing.
        (await client.GetAsync($"/account/switch?account={fabrikam}&returnUrl=/account/users")).StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        var forged = await client.PostAsync("/account/switch", new FormUrlEncodedContent([new("account", fabrikam.ToString()), new("returnUrl", "/account/users")]));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetStringAsync("/account/users")).Should().Contain("uma@contoso.com", "the account did not change");

        var switched = await MyAccountAppFactory.SwitchAccountAsync(client, fabrikam, "/account/billing?tab=ünïcödé");
        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        switched.Headers.Location!.OriginalString.Should().Be("/account/billing?tab=%C3%BCn%C3%AFc%C3%B6d%C3%A9");
        (await client.GetStringAsync("/account/users")).Should().Contain("klaus@fabrikam.com");
    }

    [Theory]
    [InlineData("/account/ünïcödé", "/account/%C3%BCn%C3%AFc%C3%B6d%C3%A9")]
    [InlineData("/account/users?q=😀", "/account/users?q=%F0%9F%98%80")]
    public void A_non_ascii_return_url_is_percent_encoded(string returnUrl, string expected) =>
        SignInEndpoints.SafeReturnUrl(returnUrl).Should().Be(expected);

    [Fact]
    public async Task A_non_ascii_return_url_after_sign_in_is_a_redirect_not_a_500()
    {
        var response = await app.CreateBrowserLikeClient().GetAsync("/dev/signin?persona=admin&returnUrl=" + Uri.EscapeDataString("/account/ünïcödé"));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/account/%C3%BCn%C3%AFc%C3%B6d%C3%A9");
    }
}
