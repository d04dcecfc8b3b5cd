using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>
/// <c>soak</c>: simulated sessions click through the tabs, open invoices and download PDFs for a bounded time (and a bounded
/// number of actions), while usage is ingested at a steady rate, a billing run over every account and single-account invoice
/// pushes happen. Dashboards left open on the Invoices tab (watchers) must each get every push. Loopback only.
/// </summary>
internal static class SoakTest
{
    public static readonly TimeSpan PushDeadline = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(SoakOptions options)
    {
        Console.WriteLine($"soak: {options.Sessions} sessions for {options.Duration.TotalMinutes:F1} min (at most {options.MaxActions:N0} actions), " +
                          $"{options.Accounts} accounts, usage {options.UsageEventsPerSecond} events/s");
        await using var host = await HostProcess.StartAsync(backgroundWorkers: true);
        var world = await CapacityWorld.SeedAsync(host.Operator, options.Accounts - 1, TimeProvider.System);
        List<SeededAccount> accounts = [world.Dashboard, .. world.Small];
        var invoices = new Dictionary<Guid, List<string>>();
        foreach (var account in accounts)
        {
            invoices[account.Id] = await InvoiceNumbersAsync(host.Operator, account.Id);
        }

        var stats = new SoakStats();
        using var stop = new CancellationTokenSource(options.Duration);
        var started = Stopwatch.StartNew();

        // Watchers: one dashboard left open on the Invoices tab per account, three on the account that gets the pushes.
        var watcherSessions = new List<BrowserSession>();
        var watchers = new List<(SeededAccount Account, CircuitClient Circuit)>();
        foreach (var account in accounts.Concat([world.Dashboard, world.Dashboard]))
        {
            var session = new BrowserSession(host.Address);
            await session.SignInAsync(account.Members[0]);
            watcherSessions.Add(session);
            watchers.Add((account, await session.OpenAsync("/account/invoices")));
        }

        var memory = new List<(TimeSpan At, MemoryReading Reading)>();
        var sessions = Enumerable.Range(0, options.Sessions).Select(i => SessionAsync(host, accounts[i % accounts.Count], i, invoices, stats, options, stop.Token)).ToList();
        var usage = UsageAsync(host, accounts, stats, options, stop.Token);
        var billing = BillingAsync(host, world, watchers, stats, options, stop.Token);
        while (!stop.IsCancellationRequested)
        {
            memory.Add((started.Elapsed, await host.MemoryAsync()));
            await Task.Delay(options.MemoryEvery, stop.Token).ContinueWith(_ => { });
        }

        await Task.WhenAll(sessions);
        var sentBatches = await usage;
        await billing;
        var closing = await host.MemoryAsync();

        // Nothing lost: every usage event sent comes back as a duplicate when sent again, and every invoice posted is listed.
        var duplicates = 0L;
        foreach (var batch in sentBatches)
        {
            duplicates += (await IngestAsync(host.Operator, batch)).Duplicates;
        }

        var invoicesNow = 0;
        foreach (var account in accounts)
        {
            invoicesNow += (await InvoiceNumbersAsync(host.Operator, account.Id)).Count;
        }

        var invoicesBefore = invoices.Values.Sum(l => l.Count);
        foreach (var (_, circuit) in watchers)
        {
            await circuit.DisposeAsync();
        }

        watcherSessions.ForEach(s => s.Dispose());
        SoakReport.Print(stats, memory, closing, options, stats.UsageAccepted - duplicates, invoicesNow - invoicesBefore);
    }

    private static async Task SessionAsync(HostProcess host, SeededAccount account, int index, Dictionary<Guid, List<string>> invoices, SoakStats stats,
        SoakOptions options, CancellationToken stop)
    {
        var random = new Random(index);
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 10_000)), stop).ContinueWith(_ => { });
        using var session = new BrowserSession(host.Address);
        CircuitClient? tab = null;
        try
        {
            await stats.TimeAsync("sign-in", () => session.SignInAsync(account.Members[index % account.Members.Count], stop));
            tab = await stats.TimeAsync("open a tab (page + circuit)", () => session.OpenAsync(RandomTab(random), stop));
            while (!stop.IsCancellationRequested && stats.Actions < options.MaxActions)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(3_000, 8_000)), stop);
                var roll = random.Next(100);
                var numbers = invoices[account.Id];
                var number = numbers[random.Next(numbers.Count)];
                if (roll < 65)
                {
                    await stats.TimeAsync("click a tab", () => tab.NavigateAsync(RandomTab(random), stop));
                }
                else if (roll < 82)
                {
                    await stats.TimeAsync("open an invoice", () => tab.NavigateAsync($"/account/invoices/{number}", stop));
                }
                else if (roll < 95)
                {
                    await stats.TimeAsync("download a PDF", async () =>
                    {
                        using var pdf = await session.Http.GetAsync($"/account/invoices/{number}/pdf", stop);
                        var bytes = await pdf.Content.ReadAsByteArrayAsync(stop);
                        if (pdf.StatusCode != HttpStatusCode.OK || bytes.Length < 1_000)
                        {
                            throw new InvalidOperationException($"PDF {number} answered {(int)pdf.StatusCode} with {bytes.Length} bytes.");
                        }
                    });
                }
                else
                {
                    await tab.DisposeAsync();
                    tab = null;
                    tab = await stats.TimeAsync("open a tab (page + circuit)", () => session.OpenAsync(RandomTab(random), stop));
                }

                if (tab.Error is { } error || tab.Closed)
                {
                    throw new InvalidOperationException($"The circuit failed: {tab.Error ?? "connection closed"}");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The soak's time is up.
        }
        catch (Exception ex)
        {
            stats.Error(ex.Message);
        }
        finally
        {
            if (tab is not null)
            {
                await tab.DisposeAsync();
            }
        }
    }

    private static async Task<List<string>> UsageAsync(HostProcess host, IReadOnlyList<SeededAccount> accounts, SoakStats stats, SoakOptions options, CancellationToken stop)
    {
        var sent = new List<string>();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var batch = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stop).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result))
        {
            var body = new StringBuilder("{\"events\":[");
            for (var i = 0; i < options.UsageEventsPerSecond; i++)
            {
                var account = accounts[i % accounts.Count];
                body.Append(i == 0 ? "" : ",").Append("{\"id\":\"soak-").Append(batch).Append('-').Append(i).Append("\",\"accountId\":\"").Append(account.Id)
                    .Append("\",\"productCode\":\"api\",\"usageType\":\"read\",\"quantity\":3,\"occurredAt\":\"").Append(today).Append("T00:00:01Z\"}");
            }

            var json = body.Append("]}").ToString();
            batch++;
            try
            {
                var result = await stats.TimeAsync("usage batch", () => IngestAsync(host.Operator, json));
                stats.Usage(result.Accepted);
                sent.Add(json);
            }
            catch (Exception ex)
            {
                stats.Error($"usage: {ex.Message}");
            }
        }

        return sent;
    }

    private static async Task BillingAsync(HostProcess host, CapacityWorld world, List<(SeededAccount Account, CircuitClient Circuit)> watchers, SoakStats stats,
        SoakOptions options, CancellationToken stop)
    {
        var pushes = 0;
        var runsDone = 0;
        var started = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(options.PushEvery, stop).ContinueWith(_ => { });
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var everyone = runsDone < RunsOverEveryone.Length && started.Elapsed > options.Duration * RunsOverEveryone[runsDone];
            // The dashboard account is billed ahead by the pushes, so a run over every account skips it.
            var receiving = watchers.Where(w => everyone ? w.Account != world.Dashboard : w.Account == world.Dashboard).ToList();
            var arrivals = receiving.Select(w => w.Circuit.NextBatchAsync()).ToList();
            try
            {
                var posted = everyone
                    ? await stats.TimeAsync("billing run (every account)", () => world.BillEveryoneAsync(host.Operator))
                    : await stats.TimeAsync("invoice push (single-account run)", () => world.BillDashboardAsync(host.Operator));
                runsDone += everyone ? 1 : 0;
                pushes++;
                stats.Posted(posted, expected: everyone ? world.Small.Count : 1);
            }
            catch (Exception ex)
            {
                stats.Error($"billing: {ex.Message}");
                continue;
            }

            await Task.WhenAny(Task.WhenAll(arrivals), Task.Delay(PushDeadline));
            stats.Pushed(arrivals.Count, arrivals.Count(a => !a.IsCompletedSuccessfully));
        }
    }

    /// <summary>When runs over every account happen, as parts of the soak's time.</summary>
    private static readonly double[] RunsOverEveryone = [0.4, 0.8];

    private static string RandomTab(Random random) => CapacityBenchmark.Tabs[random.Next(CapacityBenchmark.Tabs.Length)].Path;

    private static async Task<List<string>> InvoiceNumbersAsync(HttpClient api, Guid account) =>
        (await api.GetFromJsonAsync<List<InvoiceItem>>($"api/v1/accounts/{account}/invoices"))!.Select(i => i.Number).ToList();

    private static async Task<IngestResult> IngestAsync(HttpClient api, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("api/v1/usage", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"usage answered {(int)response.StatusCode}");
        }

        return (await response.Content.ReadFromJsonAsync<IngestResult>())!;
    }

    private sealed record InvoiceItem(string Number);

    private sealed record IngestResult(int Accepted, int Duplicates);
}
