using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Common;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;

namespace MyAccount.Benchmarks;

/// <summary>
/// Page render times and PDF generation. The Users page's server render time (the prerendered HTML of <c>/account/users</c> over loopback HTTP) for an account
/// with 50 members and one with 5,000: the page shows one page of 25 either way, so the time should barely move.
/// </summary>
internal static class PageRenderBenchmark
{
    public static async Task RunAsync()
    {
        await using var app = new BenchmarkApp("Development");
        var factory = app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>();
        var small = await SeedAccountAsync(factory, "Fifty members", 50);
        var large = await SeedAccountAsync(factory, "Five thousand members", 5_000);

        var twelve = await SeedInvoicesAsync(factory, "Twelve invoices", 12);
        var hundredTwenty = await SeedInvoicesAsync(factory, "120 invoices", 120);
        var browser = app.Browser();
        (await browser.GetAsync("/dev/signin?persona=admin")).EnsureSuccessStatusCodeOrRedirect();
        foreach (var (name, account, path, marker) in new[]
                 {
                     ("users page: 50 members", small, "/account/users", "member0000@"),
                     ("users page: 5,000 members", large, "/account/users", "member0000@"),
                     ("invoices page: 12 invoices", twelve, "/account/invoices", "INV-"),
                     ("invoices page: 120 invoices", hundredTwenty, "/account/invoices", "INV-"),
                 })
        {
            (await browser.GetAsync($"/account/switch?account={account}&returnUrl={Uri.EscapeDataString(path)}")).EnsureSuccessStatusCodeOrRedirect();
            for (var i = 0; i < 10; i++)
            {
                await browser.GetStringAsync(path);
            }

            var times = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                var watch = Stopwatch.StartNew();
                var html = await browser.GetStringAsync(path);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (!html.Contains(marker, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{path} did not render the account's data.");
                }
            }

            times.Sort();
            Console.WriteLine($"{name}: median {times[times.Count / 2]:F1} ms, p90 {times[(int)(times.Count * 0.9)]:F1} ms (server render over loopback, 30 requests)");
        }

        await PdfAsync(app, hundredTwenty);
    }

    /// <summary>PDF generation per invoice (four products, the usage appendix), median of 50 after a warm-up.</summary>
    private static async Task PdfAsync(BenchmarkApp app, AccountId account)
    {
        var queries = app.Services.GetRequiredService<InvoiceQueries>();
        var renderer = app.Services.GetRequiredService<IInvoiceDocumentRenderer>();
        var actor = new OperatorActor("benchmark");
        var number = (await queries.ListInvoicesAsync(actor, account, new PageRequest(1, 1))).Items[0].Number;
        var invoice = await queries.GetInvoiceAsync(actor, number);
        var usage = await queries.GetInvoiceUsageAsync(actor, number);
        for (var i = 0; i < 10; i++)
        {
            renderer.RenderPdf(invoice, usage);
        }

        var times = new List<double>();
        var size = 0;
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            size = renderer.RenderPdf(invoice, usage).Length;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"invoice pdf: median {times[25]:F1} ms per invoice ({invoice.Products.Count} products, {size / 1024:N0} KB with the fonts embedded)");
    }

    private static async Task<AccountId> SeedInvoicesAsync(IDbContextFactory<MyAccountDbContext> factory, string name, int invoices)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var account = new Account(name, Currency.Usd, "Etc/UTC", now);
        db.Accounts.Add(account);
        var admin = new Member(account.Id, "admin@bench.example.com", null, MemberPermissions.All, [], now);
        admin.BindIdentity(DemoPersonas.Admin.Identity);
        db.Members.Add(admin);
        var products = Enumerable.Range(0, 4).Select(i => new Product($"{name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}-p{i}", $"Product {i}", "requests", [("query", "Query")])).ToList();
        db.Products.AddRange(products);
        var sequence = await db.InvoiceNumberSequences.SingleAsync();
        var next = sequence.LastNumber;
        var month = BillingMonth.Of(now);
        for (var i = 0; i < invoices; i++)
        {
            var period = new BillingMonth(month.Year, month.Month);
            for (var back = 0; back < i; back++)
            {
                period = period.Previous;
            }

            var lines = products.SelectMany(p => new[]
            {
                new InvoiceLine(p.Id, InvoiceLineKind.SubscriptionFee, $"Subscription fee for {period.Display}, in advance", period.FirstDay, period.EndExclusive, null, 100_00),
                new InvoiceLine(p.Id, InvoiceLineKind.Overage, $"Overage for {period.Previous.Display}, in arrears", period.Previous.FirstDay, period.FirstDay, 1_234, 12_34),
            });
            db.Invoices.Add(new Invoice(account.Id, period, ++next, "USD", lines, now));
        }

        db.Entry(sequence).Property(s => s.LastNumber).CurrentValue = next;
        await db.SaveChangesAsync();
        return account.Id;
    }

    private static async Task<AccountId> SeedAccountAsync(IDbContextFactory<MyAccountDbContext> factory, string name, int members)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var account = new Account(name, Currency.Usd, "Etc/UTC", now);
        db.Accounts.Add(account);
        var admin = new Member(account.Id, "admin@bench.example.com", null, MemberPermissions.All, [], now);
        admin.BindIdentity(DemoPersonas.Admin.Identity);
        db.Members.Add(admin);
        for (var i = 0; i < members - 1; i++)
        {
            db.Members.Add(new Member(account.Id, $"member{i:D4}@bench.example.com", i % 3 == 0 ? "+1 312 555 0100" : null,
                new MemberPermissions(i % 10 == 0, i % 20 == 0), [], now));
        }

        await db.SaveChangesAsync();
        return account.Id;
    }

    private static void EnsureSuccessStatusCodeOrRedirect(this HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
        }
    }
}
