using Microsoft.Playwright;

namespace MyAccount.Tests.Browser;

/// <summary>The usage page as a phone and a desktop show it: the chart fills its card, its axis text stays readable, the page reads well.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UsageJourneyTests(BrowserFixture browser)
{
    private static async Task<IPage> OpenUsageAsync(IPage page)
    {
        await page.GotoAsync("/account/invoices");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=invoice-number] a").First.ClickAsync();
        await page.Locator("[data-testid=usage-link]").ClickAsync();
        await page.Locator("[data-testid=usage-product]").First.WaitForAsync();
        // MudChart draws once it has measured its box, and again when the box changes: wait until every chart is drawn for its box.
        await page.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('[data-testid=usage-chart] svg')].every(svg => {
              const box = svg.getBoundingClientRect();
              return svg.querySelector('.mud-charts-xaxis text') && Math.abs(svg.viewBox.baseVal.width - box.width) <= 1;
            })
            """, null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        return page;
    }

    /// <summary>Each chart's box against its card's content box, and the rendered height of every non-empty axis label.</summary>
    private static Task<ChartBox[]> ChartsAsync(IPage page) => page.Locator("[data-testid=usage-chart]").EvaluateAllAsync<ChartBox[]>("""
        charts => charts.map(chart => {
          const card = chart.closest('[data-testid=usage-product]');
          const style = getComputedStyle(card);
          const svg = chart.querySelector('svg').getBoundingClientRect();
          const labels = [...chart.querySelectorAll('.mud-charts-xaxis text, .mud-charts-yaxis text')].filter(t => t.textContent.trim());
          return {
            cardContentWidth: card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
            width: svg.width,
            viewBoxWidth: chart.querySelector('svg').viewBox.baseVal.width,
            viewBoxHeight: chart.querySelector('svg').viewBox.baseVal.height,
            height: svg.height,
            labelHeights: labels.map(t => t.getBoundingClientRect().height),
            xLabels: [...chart.querySelectorAll('.mud-charts-xaxis text')].map(t => t.textContent.trim()).filter(t => t),
          };
        })
        """);

    /// <summary>
    /// The page's charts, each checked to be as wide as its card, drawn for its own box (so its text is not scaled), at least
    /// <paramref name="minHeight"/> tall, with axis text of 10 CSS px or more.
    /// </summary>
    private static async Task<ChartBox[]> ChartsFillingTheirCardsAsync(IPage page, int minHeight)
    {
        var charts = await ChartsAsync(page);
        charts.Should().NotBeEmpty();
        foreach (var chart in charts)
        {
            chart.Width.Should().BeApproximately(chart.CardContentWidth, 2, "the chart is as wide as its card");
            chart.ViewBoxWidth.Should().BeApproximately(chart.Width, 1, "the drawing is made for the chart's own box, so it fills it and its text is not scaled");
            chart.ViewBoxHeight.Should().BeApproximately(chart.Height, 1);
            chart.Height.Should().BeGreaterThanOrEqualTo(minHeight);
            chart.LabelHeights.Should().NotBeEmpty().And.OnlyContain(h => h >= 10, "axis text renders at 10 CSS px or more");
        }

        return charts;
    }

    [Fact]
    public async Task On_a_phone_the_usage_chart_fills_its_card_with_readable_axis_text_and_the_page_reads_well()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var page = await OpenUsageAsync(await PhoneLayout.OpenAsync(browser, "admin", "/account/invoices"));

        foreach (var chart in await ChartsFillingTheirCardsAsync(page, minHeight: 250))
        {
            chart.XLabels.Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[A-Z][a-z]{2} \d{1,2}$"), "days read like \"Nov 8\"");
        }

        await page.Locator("[data-testid=usage-product]").Last.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, "usage-card-phone.png") });
        (await PhoneLayout.ProblemsAsync(page)).Should().BeEmpty($"the usage page should read at {PhoneLayout.Width} px");
        await browser.CheckPageAsync(page, "phone-usage");
    }

    [Fact]
    public async Task On_a_desktop_the_usage_chart_fills_its_card_and_is_tall_enough_to_read()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var page = await OpenUsageAsync(await browser.SignedInPageAsync("admin", "/account/invoices"));

        await ChartsFillingTheirCardsAsync(page, minHeight: 300);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, "usage-desktop-1280.png"), FullPage = true });
        await page.Locator("[data-testid=usage-product]").Last.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, "usage-card-desktop.png") });
    }

    private sealed class ChartBox
    {
        public double CardContentWidth { get; set; }
        public double Width { get; set; }
        public double ViewBoxWidth { get; set; }
        public double ViewBoxHeight { get; set; }
        public double Height { get; set; }
        public double[] LabelHeights { get; set; } = [];
        public string[] XLabels { get; set; } = [];
    }
}
