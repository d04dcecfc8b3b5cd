using Bunit;
using MyAccount.Domain.Common;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Subscriptions;

namespace MyAccount.Tests.Components;

public sealed class SubscriptionsTableTests : MudComponentTest
{
    private static readonly DateOnly Today = new(2026, 11, 15);

    [Fact]
    public void Shows_fee_included_volume_overage_price_and_dates()
    {
        SubscriptionRow[] rows =
        [
            new(SubscriptionId.New(), "search", "Search API", "requests", new Money(500_00, "USD"), 100_000, "USD 0.002 per request",
                new DateOnly(2025, 6, 1), null, true),
            new(SubscriptionId.New(), "docs", "Document Conversion", "pages", new Money(150_00, "USD"), 5_000, "USD 25.00 per started 1,000 pages",
                new DateOnly(2025, 6, 1), new DateOnly(2026, 3, 15), false),
        ];

        var cut = Render<SubscriptionsTable>(p => p.Add(t => t.Title, "All").Add(t => t.Rows, rows).Add(t => t.Today, Today));

        var cells = cut.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        cells[0].Should().Equal("Search API", "USD 500.00", "100,000 requests / month", "USD 0.002 per request", "Jun 1, 2025", "Open-ended");
        cells[1].Should().Equal("Document Conversion", "USD 150.00", "5,000 pages / month", "USD 25.00 per started 1,000 pages", "Jun 1, 2025", "Mar 14, 2026");
    }

    [Fact]
    public void Marks_a_subscription_that_has_not_started_yet()
    {
        SubscriptionRow[] rows = [new(SubscriptionId.New(), "geo", "Geocoding", "lookups", new Money(0, "EUR"), 0, "EUR 0.01 per lookup", new DateOnly(2026, 12, 1), null, true)];
        var cut = Render<SubscriptionsTable>(p => p.Add(t => t.Title, "Current").Add(t => t.Rows, rows).Add(t => t.Today, Today));
        cut.Find("[data-testid=subscription-product]").TextContent.Should().Contain("Starts Dec 1, 2026");
    }

    [Fact]
    public void Shows_the_empty_text_when_there_are_none() =>
        Render<SubscriptionsTable>(p => p.Add(t => t.Title, "Previous").Add(t => t.Rows, []).Add(t => t.EmptyText, "No subscription has ended yet."))
            .Markup.Should().Contain("No subscription has ended yet.");
}
