using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MyAccount.Domain.Invoices;
using MyAccount.Web.Api;
using MyAccount.Web.Cluster;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Posts Contoso's next invoice through one instance's operator API while a Contoso invoices page is open (on any instance, or
/// through the balancer), and measures how long after the API answered the new invoice appeared in that page's DOM.
/// </summary>
public static class LiveInvoiceProbe
{
    /// <summary>The link to an invoice in the list (its number; a cell may hold other links, such as credit notes').</summary>
    private const string InvoiceLink = "[data-testid=invoice-number] a[href^='/account/invoices/']";

    public sealed record Arrival(string Number, TimeSpan AnsweredAfter, TimeSpan Latency);

    public static async Task<Arrival> PostAndWatchAsync(ClusterBrowser cluster, IPage invoicesPage, AppProcess poster)
    {
        var contoso = await cluster.ContosoAsync();
        using var api = ClusterBrowser.OperatorClient(poster);
        var known = await ListAsync(api, contoso);

        // The list as the database has it, drawn by the interactive renderer: the page has subscribed to live updates by then
        // (the invoices page subscribes right after its first load, before that load is rendered).
        await invoicesPage.Locator("[data-testid=invoice-number]", new PageLocatorOptions { HasText = known[0].Number })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        var period = BillingMonth.Parse(known.Max(i => i.Period)!).Next;

        var watch = Stopwatch.StartNew();
        var shown = PageWatch.WhenAsync(invoicesPage, watch, InvoiceLink, except: known.Select(i => i.Number));
        var response = await api.PostAsJsonAsync("/api/v1/billing/runs", new { period = period.ToString(), accountId = contoso });
        var answered = watch.Elapsed;
        response.EnsureSuccessStatusCode();
        response.Headers.GetValues(ClusterInstance.Header).Should().Equal(poster.Name);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invoicesPosted").GetInt32().Should().Be(1);

        var (number, at) = await shown.WaitAsync(TimeSpan.FromSeconds(15));
        var posted = (await ListAsync(api, contoso)).Select(i => i.Number).Except(known.Select(i => i.Number));
        posted.Should().Equal([number], "the page shows the invoice the run posted");
        return new Arrival(number, answered, at - answered);
    }

    private static async Task<List<InvoiceListItem>> ListAsync(HttpClient api, Guid account) =>
        (await api.GetFromJsonAsync<List<InvoiceListItem>>($"/api/v1/accounts/{account}/invoices"))!;
}
