using System.Diagnostics;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>
/// From posting an invoice (the operator API's billing run is sent) to the render batch that shows it arriving at each open
/// Invoices tab; and the billing run's own time with and without those tabs open.
/// </summary>
internal static class PushLatency
{
    private const string InvoicesTab = "/account/invoices";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task OneAccountAsync(HostProcess host, CapacityWorld world, int circuits, int pushes)
    {
        // Every timed run starts from a settled host (readings agree, after forced full collections), with and without tabs
        // open: otherwise the runs with tabs would also pay for collecting what the previous push's thousand renders left.
        var aloneTimes = new List<double>();
        for (var run = 0; run < pushes; run++)
        {
            await CapacityBenchmark.SettledMemoryAsync(host);
            var alone = Stopwatch.StartNew();
            await world.BillDashboardAsync(host.Operator);
            aloneTimes.Add(alone.Elapsed.TotalMilliseconds);
        }

        var sessions = await SignInAsync(host, world.Dashboard.Members);
        var open = new OpenCircuits();
        await Parallel.ForEachAsync(Enumerable.Range(0, circuits), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            open.Add(await sessions[i % sessions.Count].OpenAsync(InvoicesTab, ct)));
        await CapacityBenchmark.SettledMemoryAsync(host);
        var memory = await host.MemoryAsync();
        Console.WriteLine($"invoice push to {circuits} Invoices tabs of one account ({sessions.Count} members; {memory.Circuits} circuits open, " +
                          $"{memory.ManagedBytes / 1048576.0:F0} MB managed in the host):");
        var latencies = new Latencies();
        var missed = 0;
        var runTimes = new List<double>();
        for (var push = 0; push < pushes; push++)
        {
            var settled = await CapacityBenchmark.SettledMemoryAsync(host);
            var (pushLatencies, pushMissed, runMs) = await PushAsync(open.All, () => world.BillDashboardAsync(host.Operator), expectedInvoices: 1);
            missed += pushMissed;
            runTimes.Add(runMs);
            foreach (var value in pushLatencies)
            {
                latencies.Add(value);
            }

            Console.WriteLine($"  push {push + 1}: single-account run {runMs:F0} ms; {pushLatencies.Count} tabs got it, {pushMissed} missed; " +
                              $"p99 {Percentile(pushLatencies, 99):F0} ms; {settled.ManagedBytes / 1048576.0:F1} MB managed before it");
        }

        Console.WriteLine($"  all pushes: {latencies}; missed {missed}");
        Console.WriteLine($"  single-account billing run, {pushes} runs each from a settled host: median {Median(aloneTimes):F0} ms with no circuit open " +
                          $"({string.Join(", ", aloneTimes.Select(t => $"{t:F0}"))}), median {Median(runTimes):F0} ms with {circuits} open " +
                          $"({string.Join(", ", runTimes.Select(t => $"{t:F0}"))}): {(Median(runTimes) / Median(aloneTimes) - 1) * 100:+0;-0} %");
        await open.DisposeAsync();
        await CapacityBenchmark.WaitForCircuitsAsync(host, 0);
        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }

    public static async Task ManyAccountsAsync(HostProcess host, CapacityWorld world, int accounts)
    {
        var without = new List<double>();
        await CapacityBenchmark.SettledMemoryAsync(host);
        var run = Stopwatch.StartNew();
        var posted = await world.BillEveryoneAsync(host.Operator);
        without.Add(run.Elapsed.TotalMilliseconds);

        var chosen = world.Small.Take(accounts).ToList();
        var sessions = await SignInAsync(host, chosen.Select(a => a.Members[0]).ToList());
        var open = new OpenCircuits();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (session, ct) => open.Add(await session.OpenAsync(InvoicesTab, ct)));
        await CapacityBenchmark.SettledMemoryAsync(host);
        var (latencies, missed, withMs) = await PushAsync(open.All, () => world.BillEveryoneAsync(host.Operator), expectedInvoices: posted);
        var sorted = new Latencies();
        foreach (var value in latencies)
        {
            sorted.Add(value);
        }

        await open.DisposeAsync();
        await CapacityBenchmark.WaitForCircuitsAsync(host, 0);
        await CapacityBenchmark.SettledMemoryAsync(host);
        run.Restart();
        await world.BillEveryoneAsync(host.Operator);
        without.Add(run.Elapsed.TotalMilliseconds);
        Console.WriteLine($"invoice push to {accounts} Invoices tabs of {accounts} accounts (one billing run over all {world.Small.Count + 1} accounts, {posted} invoices):");
        Console.WriteLine($"  from the run's request to each tab's render batch: {sorted}; missed {missed}");
        Console.WriteLine($"  billing run over every account: {withMs:F0} ms with {accounts} circuits open; {string.Join(" and ", without.Select(w => $"{w:F0} ms"))} with none " +
                          $"({(withMs / without.Average() - 1) * 100:+0;-0} %)");
        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }

    /// <summary>Arms every circuit for its next batch, posts, and waits: latencies of those that got one, how many missed it, the post's time.</summary>
    private static async Task<(List<double> Latencies, int Missed, double RunMs)> PushAsync(IReadOnlyList<CircuitClient> circuits, Func<Task<int>> post, int expectedInvoices)
    {
        var arrivals = circuits.Select(c => c.NextBatchAsync()).ToList();
        var start = Stopwatch.GetTimestamp();
        var invoices = await post();
        var runMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (invoices != expectedInvoices)
        {
            throw new InvalidOperationException($"The run posted {invoices} invoices, not {expectedInvoices}.");
        }

        await Task.WhenAny(Task.WhenAll(arrivals), Task.Delay(Patience));
        var latencies = arrivals.Where(a => a.IsCompletedSuccessfully).Select(a => Stopwatch.GetElapsedTime(start, a.Result).TotalMilliseconds).ToList();
        return (latencies, arrivals.Count - latencies.Count, runMs);
    }

    private static async Task<List<BrowserSession>> SignInAsync(HostProcess host, IReadOnlyList<string> emails)
    {
        var sessions = emails.Select(_ => new BrowserSession(host.Address)).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await sessions[i].SignInAsync(emails[i], ct));
        return sessions;
    }

    private static double Percentile(List<double> values, double p)
    {
        var latencies = new Latencies();
        values.ForEach(latencies.Add);
        return latencies.Percentile(p);
    }

    private static double Median(List<double> values) => Percentile(values, 50);
}
