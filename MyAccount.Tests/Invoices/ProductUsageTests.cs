using MyAccount.Domain.Invoices;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Invoices;

/// <summary>The usage view's own arithmetic: the days summed over usage types and the day the included volume ran out.</summary>
public sealed class ProductUsageTests
{
    private static readonly BillingMonth Month = TestClock.MonthOf(TestClock.Create()).Previous;

    private static DateOnly Day(int day) => Month.FirstDay.AddDays(day - 1);

    private static ProductUsage Usage(long? included) => new("search", "Search API", "requests", 1_000,
    [
        new UsageTypeUsage("query", "Query", 700, [new DailyQuantity(Day(3), 300), new DailyQuantity(Day(9), 400)]),
        new UsageTypeUsage("lookup", "Lookup", 300, [new DailyQuantity(Day(3), 100), new DailyQuantity(Day(18), 200)]),
    ], included);

    [Fact]
    public void Each_day_with_usage_sums_its_usage_types_in_day_order()
    {
        Usage(null).DailyTotals.Should().Equal(new DailyQuantity(Day(3), 400), new DailyQuantity(Day(9), 400), new DailyQuantity(Day(18), 200));
    }

    [Theory]
    [InlineData(400L, 3)]
    [InlineData(401L, 9)]
    [InlineData(1_000L, 18)]
    public void The_included_volume_is_used_up_on_the_day_the_running_total_reaches_it(long included, int day)
    {
        Usage(included).IncludedVolumeUsedUpOn.Should().Be(Day(day));
    }

    [Theory]
    [InlineData(1_001L)]
    [InlineData(null)]
    public void Nothing_is_used_up_below_the_included_volume_or_without_one(long? included)
    {
        Usage(included).IncludedVolumeUsedUpOn.Should().BeNull();
    }
}
