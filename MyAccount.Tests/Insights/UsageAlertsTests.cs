using MyAccount.Domain.Common;
using MyAccount.Domain.Insights;
using MyAccount.Domain.Members;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Insights;

/// <summary>Alerts fire once per threshold per month, to members who can manage users or payment, through the real email path.</summary>
public sealed class UsageAlertsTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;
    private BillingScenario _scenario = null!;
    private AccountId _acme;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 15, 12, 0, 0, TimeSpan.Zero));
        _scenario = new BillingScenario(_fixture);
        await _scenario.ProductAsync();
        _acme = await _scenario.AccountAsync("Acme", startsOn: "2026-10-01");
        var now = _fixture.Clock.GetUtcNow().UtcDateTime;
        await using var db = _fixture.CreateDbContext();
        db.Members.AddRange(
            new Member(_acme, "users@acme.com", null, new(true, false), [], now),
            new Member(_acme, "payment@acme.com", null, new(false, true), [], now),
            new Member(_acme, "reader@acme.com", null, MemberPermissions.None, [], now));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private List<MimeKit.MimeMessage> Alerts => _fixture.SentEmails.Where(m => m.Subject!.Contains("included volume used", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Crossing_each_threshold_emails_the_managers_once_that_month()
    {
        await _scenario.UsageAsync(_acme, "2026-11-02T00:00:00Z", 700);
        Alerts.Should().BeEmpty("70% crosses no threshold");

        await _scenario.UsageAsync(_acme, "2026-11-03T00:00:00Z", 150);
        var first = Alerts.Should().ContainSingle().Subject;
        first.Subject.Should().Be("search product: 80% of the included volume used in November 2026");
        first.To.Mailboxes.Select(m => m.Address).Should().Equal("payment@acme.com", "users@acme.com");

        await _scenario.UsageAsync(_acme, "2026-11-04T00:00:00Z", 10);
        Alerts.Should().HaveCount(1, "80% was already announced this month");

        await _scenario.UsageAsync(_acme, "2026-11-05T00:00:00Z", 200);
        Alerts.Should().HaveCount(2);
        Alerts[1].Subject.Should().StartWith("search product: 100%");

        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        await _scenario.UsageAsync(_acme, "2026-12-01T12:00:00Z", 900);
        Alerts.Should().HaveCount(3, "a new month starts the thresholds again");
    }

    [Fact]
    public async Task Thresholds_can_be_changed_by_managers_only()
    {
        var insights = _fixture.Get<UsageInsights>();
        var product = (await insights.CurrentMonthAsync(BillingScenario.Operator, _acme)).Single().ProductId;
        await using var db = _fixture.CreateDbContext();
        var payment = db.Members.Single(m => m.Email == "payment@acme.com");
        var reader = db.Members.Single(m => m.Email == "reader@acme.com");

        await insights.SetAlertThresholdsAsync(TestWorld.ActorFor(payment), _acme, product, [50]);
        var denied = () => insights.SetAlertThresholdsAsync(TestWorld.ActorFor(reader), _acme, product, [90]);
        await denied.Should().ThrowAsync<AccessDeniedException>();
        var invalid = () => insights.SetAlertThresholdsAsync(TestWorld.ActorFor(payment), _acme, product, [0]);
        await invalid.Should().ThrowAsync<DomainValidationException>();

        (await insights.CurrentMonthAsync(BillingScenario.Operator, _acme)).Single().AlertThresholds.Should().Equal(50);
        await _scenario.UsageAsync(_acme, "2026-11-02T00:00:00Z", 600);
        Alerts.Should().ContainSingle().Which.Subject.Should().Contain("50%");
    }
}
