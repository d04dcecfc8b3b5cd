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
    public async Task Switching_accounts_from_another_site_is_refused()
    {
        var client = await app.SignInAsync("admin");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var fabrikam = (await db.Accounts.SingleAsync(a => a.Name == "Fabrikam GmbH")).Id;

        var request = new HttpRequestMessage(HttpMethod.Get, $"/account/switch?account={fabrikam}&returnUrl=/account/users");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetStringAsync("/account/users")).Should().Contain("uma@contoso.com", "the account did not change");

        var sameSite = new HttpRequestMessage(HttpMethod.Get, $"/account/switch?account={fabrikam}&returnUrl=/account/users");
        sameSite.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await client.SendAsync(sameSite)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
