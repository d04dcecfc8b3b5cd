using MyAccount.Domain.Common;
using MyAccount.Domain.Insights;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Insights;

/// <summary>Usage so far, run-out date and estimates from known usage at known moments (fee 100.00, 1,000 included, 0.01 per unit over).</summary>
public sealed class UsageInsightsTests
{
    private static async Task<(DomainFixture Fixture, AccountId Account)> ScenarioAsync(DateTimeOffset now, params (string At, long Quantity)[] usage)
    {
        var fixture = await DomainFixture.CreateAsync(now);
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        var account = await scenario.AccountAsync("Acme", startsOn: "2026-10-01");
        foreach (var (at, quantity) in usage)
        {
            await scenario.UsageAsync(account, at, quantity);
        }

        return (fixture, account);
    }

    private static async Task<SubscriptionInsight> InsightAsync(DomainFixture fixture, AccountId account) =>
        (await fixture.Get<UsageInsights>().CurrentMonthAsync(BillingScenario.Operator, account)).Single();

    [Fact]
    public async Task Mid_month_the_pace_so_far_gives_the_run_out_date_and_the_estimates()
    {
        // November 16, 00:00: 15 days elapsed, 600 used → 40 a day → 1,200 by the end of the month, 200 over → 2.00.
        var (fixture, account) = await ScenarioAsync(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), ("2026-11-03T10:00:00Z", 600));
        await using var _ = fixture;

        var insight = await InsightAsync(fixture, account);
        insight.Should().BeEquivalentTo(new { UsedSoFar = 600L, IncludedThisMonth = 1_000L, AlreadyOver = false, ForecastUsage = 1_200L, ForecastOverageUnits = 200L });
        insight.RunsOutOn.Should().Be(new DateOnly(2026, 11, 26)); // 1,000 / 40 = day 25 after November 1
        insight.ForecastOverage.Should().Be(new Money(2_00, "USD"));
        insight.NextInvoiceEstimate.Should().Be(new Money(102_00, "USD"));
        insight.PercentUsed.Should().Be(60);
        insight.AlertThresholds.Should().Equal(80, 100);
    }

    [Fact]
    public async Task Without_usage_nothing_runs_out_and_the_estimate_is_the_fee()
    {
        var (fixture, account) = await ScenarioAsync(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero));
        await using var _ = fixture;
        var insight = await InsightAsync(fixture, account);
        insight.Should().BeEquivalentTo(new { UsedSoFar = 0L, RunsOutOn = (DateOnly?)null, ForecastUsage = 0L, ForecastOverageUnits = 0L });
        insight.NextInvoiceEstimate.Should().Be(new Money(100_00, "USD"));
    }

    [Fact]
    public async Task At_the_start_of_a_month_a_first_hour_of_usage_does_not_divide_by_zero()
    {
        var (fixture, account) = await ScenarioAsync(new DateTimeOffset(2026, 11, 1, 0, 30, 0, TimeSpan.Zero), ("2026-11-01T00:10:00Z", 10));
        await using var _ = fixture;
        var insight = await InsightAsync(fixture, account);
        insight.UsedSoFar.Should().Be(10);
        insight.ForecastUsage.Should().Be(7_200, "10 in the first hour (the minimum elapsed time) is 240 a day over 30 days");
    }

    [Fact]
    public async Task At_the_end_of_the_month_the_forecast_is_what_was_used()
    {
        var (fixture, account) = await ScenarioAsync(new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero), ("2026-11-20T00:00:00Z", 900));
        await using var _ = fixture;
        var insight = await InsightAsync(fixture, account);
        insight.ForecastUsage.Should().Be(900);
        insight.RunsOutOn.Should().BeNull();
    }

    [Fact]
    public async Task Already_over_says_so_and_prices_the_projected_overage()
    {
        var (fixture, account) = await ScenarioAsync(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero), ("2026-11-05T00:00:00Z", 1_500));
        await using var _ = fixture;
        var insight = await InsightAsync(fixture, account);
        insight.AlreadyOver.Should().BeTrue();
        insight.RunsOutOn.Should().BeNull();
        insight.ForecastUsage.Should().Be(4_500); // 150 a day × 30
        insight.ForecastOverage.Should().Be(new Money(35_00, "USD"));
    }
}
