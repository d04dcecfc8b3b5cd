using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MyAccount.Domain.Access;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Insights;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Layout;
using MyAccount.Web.Components.Pages.Activity;
using MyAccount.Web.Components.Pages.Subscriptions;
using MyAccount.Web.Components.Shared;

namespace MyAccount.Tests.Components;

public sealed class InsightsAndActivityComponentsTests : MudComponentTest
{
    private DomainFixture _domain = null!;
    private TestWorld _world = null!;

    protected override async Task SetUpAsync()
    {
        _domain = await DomainFixture.CreateAsync();
        _world = await TestWorld.CreateAsync(_domain);
        Services.AddSingleton(_domain.Get<ActivityLog>());
        Services.AddSingleton<TimeProvider>(_domain.Clock);
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    private static SubscriptionInsight Insight(long used, long included, DateOnly? runsOut, bool over, DateOnly periodStart = default, int periodDays = 30) =>
        new(SubscriptionId.New(), ProductId.New(), "Search API", "requests", used, included, runsOut, over, 1_200, 200, new Money(2_00, "USD"), new Money(102_00, "USD"), [80, 100],
            periodStart, periodStart.AddDays(periodDays));

    /// <summary>A 20-day period that began <paramref name="daysAgo"/> days before the fake clock's today, at midnight UTC; the clock is set to noon.</summary>
    private DateOnly PeriodStartedDaysAgo(int daysAgo)
    {
        var today = DateOnly.FromDateTime(_domain.Clock.GetUtcNow().UtcDateTime);
        _domain.Clock.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        return today.AddDays(-daysAgo);
    }

    [Fact]
    public void The_usage_bar_says_the_percentage_used_in_text_and_marks_today_from_the_clock()
    {
        var start = PeriodStartedDaysAgo(9); // noon of day 10 of 20: 9.5 days of 20 gone
        var cut = Render<UsageInsightCard>(p => p.Add(c => c.Insight, Insight(605, 1_000, null, false, start, periodDays: 20)));

        cut.Find("[data-testid=insight-percent]").TextContent.Should().Be("60.5% used");
        cut.Find("[data-testid=today-marker]").GetAttribute("style").Should().Be("left: 48%");
        cut.Find("[data-testid=insight-today]").TextContent.Trim().Should().Be("Today: day 10 of 20 (48% of the period)");
        cut.Find("[role=progressbar]").GetAttribute("aria-label").Should().Be("Included volume used: 60.5%; today is day 10 of 20 (48% of the period)");
    }

    [Fact]
    public void The_today_marker_follows_the_clock_and_stays_within_the_bar()
    {
        var start = PeriodStartedDaysAgo(0);
        var insight = Insight(0, 1_000, null, false, start, periodDays: 20);
        Render<UsageInsightCard>(p => p.Add(c => c.Insight, insight)).Find("[data-testid=today-marker]").GetAttribute("style").Should().Be("left: 3%");

        _domain.Clock.Advance(TimeSpan.FromDays(5));
        Render<UsageInsightCard>(p => p.Add(c => c.Insight, insight)).Find("[data-testid=today-marker]").GetAttribute("style").Should().Be("left: 28%");

        _domain.Clock.Advance(TimeSpan.FromDays(30));
        var after = Render<UsageInsightCard>(p => p.Add(c => c.Insight, insight));
        after.Find("[data-testid=today-marker]").GetAttribute("style").Should().Be("left: 100%");
        after.Find("[data-testid=insight-today]").TextContent.Trim().Should().Be("Today: day 20 of 20 (100% of the period)");
    }

    [Fact]
    public void A_projected_run_out_date_stands_out_in_a_warning()
    {
        var start = PeriodStartedDaysAgo(4);
        var runsOut = start.AddDays(12);
        var cut = Render<UsageInsightCard>(p => p.Add(c => c.Insight, Insight(500, 1_000, runsOut, false, start)));

        var runout = cut.Find("[data-testid=insight-runout]");
        runout.ClassList.Should().Contain("mud-alert-text-warning");
        runout.QuerySelector("strong.runout-date")!.TextContent.Should().Be(Dates.Format(runsOut));
    }

    [Fact]
    public void The_insight_card_shows_progress_run_out_and_labelled_estimates()
    {
        var cut = Render<UsageInsightCard>(p => p.Add(c => c.Insight, Insight(600, 1_000, new DateOnly(2026, 11, 26), false)));

        cut.Find("[data-testid=insight-used]").TextContent.Should().Be("600 of 1,000 requests");
        cut.Find("[role=progressbar]").GetAttribute("aria-valuenow").Should().StartWith("60");
        cut.Find("[data-testid=insight-runout]").TextContent.Trim().Should().Be("At the current pace the included volume runs out on Nov 26, 2026.");
        cut.Find("[data-testid=insight-forecast]").TextContent.Should().Contain("USD 2.00").And.Contain("USD 102.00").And.Contain("Estimate");
        cut.Find("[data-testid=insight-alerts]").TextContent.Should().Contain("80%, 100%");
        cut.FindAll("button").Should().BeEmpty("only managers can change alerts");
    }

    [Fact]
    public void Being_over_the_included_volume_is_said_plainly()
    {
        var cut = Render<UsageInsightCard>(p => p.Add(c => c.Insight, Insight(1_500, 1_000, null, true)).Add(c => c.CanEditAlerts, true));
        cut.Find("[data-testid=insight-runout]").TextContent.Trim().Should().StartWith("Over the included volume by 500 requests");
        cut.Find("button").GetAttribute("aria-label").Should().Be("Change usage alerts for Search API");
    }

    [Fact]
    public void A_support_agent_sees_the_read_only_banner()
    {
        var person = new SignedInPerson(new SupportAgentActor(new PersonIdentity("v", "s", "Sam")), new AccountChoice(_world.Acme.Id, "Acme Corp", "USD"), [], IsSupportAgent: true);
        var cut = Render<AccountLayout>(p => p.AddCascadingValue(person).Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "tab content"))));
        cut.Find("[data-testid=support-banner]").TextContent.Should().Contain("You are viewing Acme Corp as a support agent").And.Contain("read-only");
    }

    [Fact]
    public async Task The_activity_tab_filters_by_kind()
    {
        await _domain.Get<MemberManagement>().InviteAsync(TestWorld.ActorFor(_world.AcmeAdmin), _world.Acme.Id,
            new MemberAccessInput("new@acme.com", null, [], MemberPermissions.None), new Uri("https://x.example.com/"));
        await _domain.Get<MemberService>().ListMembersAsync(new SupportAgentActor(new PersonIdentity("v", "s", "Sam Support")), _world.Acme.Id, null, new PageRequest(1, 5));
        var person = new SignedInPerson(TestWorld.ActorFor(_world.AcmeReader), new AccountChoice(_world.Acme.Id, "Acme Corp", "USD"), [], IsSupportAgent: false);

        var cut = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<SignedInPerson>>(1);
            builder.AddAttribute(2, "Value", person);
            builder.AddAttribute(3, "ChildContent", (RenderFragment)(b =>
            {
                b.OpenComponent<ActivityPage>(4);
                b.CloseComponent();
            }));
            builder.CloseComponent();
        });

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=activity-what]").Select(e => e.TextContent).Should().Equal("Viewed by vendor support", "Invited a member"));
        cut.Find("[data-testid=activity-kind]").Change(nameof(ActivityKind.SupportViews));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=activity-what]").Select(e => e.TextContent).Should().Equal("Viewed by vendor support"));
        cut.Find("[data-testid=activity-kind] option[selected]").TextContent.Should().Be("Support views");

        // Not a kind the page knows (a tampered select): nothing changes.
        cut.Find("[data-testid=activity-kind]").Change("Everything'); drop table");
        cut.FindAll("[data-testid=activity-what]").Select(e => e.TextContent).Should().Equal("Viewed by vendor support");

        // The person field filters on change (Enter or leaving it); clearing it shows everyone of that kind again.
        cut.Find("[data-testid=activity-kind]").Change(nameof(ActivityKind.All));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=activity-what]").Should().HaveCount(2));
        cut.Find("[data-testid=activity-person]").Change("Sam Support");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=activity-what]").Select(e => e.TextContent).Should().Equal("Viewed by vendor support"));
        cut.Find("[data-testid=activity-person]").GetAttribute("value").Should().Be("Sam Support");
        cut.Find("[data-testid=activity-person]").Change("");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=activity-what]").Should().HaveCount(2));
    }
}
