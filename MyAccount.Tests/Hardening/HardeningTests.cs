using System.Net;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Hardening;

public sealed class HardeningTests(HardeningTests.Fixture app) : IClassFixture<HardeningTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory
    {
        public Fixture() => Settings = new() { ["RateLimits:SignInPerMinute"] = "5" };
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/dev/signin")]
    [InlineData("/api/v1/invoices/INV-000001")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("default-src 'self'").And.NotContain("stripe", "Stripe is not the gateway here");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }

    [Fact]
    public void Stripe_is_allowed_by_the_policy_only_when_it_is_the_gateway()
    {
        var withStripe = MyAccount.Web.Hardening.SecurityHeaders.ContentSecurityPolicy(new MyAccount.Web.Payments.StripeOptions { SecretKey = "sk", PublishableKey = "pk" });
        var without = MyAccount.Web.Hardening.SecurityHeaders.ContentSecurityPolicy(new MyAccount.Web.Payments.StripeOptions());
        withStripe.Should().Contain("script-src 'self' https://js.stripe.com");
        without.Should().Contain("script-src 'self';").And.Contain("frame-src 'none'");
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_get_429()
    {
        // An address of its own: other tests' sign-ins (and where in the one-minute window this runs) cannot change the count.
        var client = app.CreateClientAt(MyAccountAppFactory.UniqueClientAddress());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.GetAsync("/dev/signin")).StatusCode);
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK);
    }
}
