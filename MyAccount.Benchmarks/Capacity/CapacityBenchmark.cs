using System.Diagnostics;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>
/// <c>capacity</c>: retained managed memory per idle circuit on every tab, the invoice push's latency to N circuits of one
/// account and of many accounts, and the billing run's time with and without those circuits open.
/// </summary>
internal static class CapacityBenchmark
{
    public static readonly (string Tab, string Path)[] Tabs =
    [
        ("Users", "/account/users"),
        ("Billing", "/account/billing"),
        ("Subscriptions", "/account/subscriptions"),
        ("Invoices", "/account/invoices"),
        ("Activity", "/account/activity"),
    ];

    public static async Task RunAsync(CapacityOptions options)
    {
        Console.WriteLine($"capacity: {options.MemoryCircuits} circuits per tab for memory, {options.PushCircuits} circuits for pushes, {options.SmallAccounts} small accounts");
        await using var host = await HostProcess.StartAsync(backgroundWorkers: false);
        var seeding = Stopwatch.StartNew();
        var world = await CapacityWorld.SeedAsync(host.Operator, options.SmallAccounts, TimeProvider.System);
        Console.WriteLine($"seeded {options.SmallAccounts + 1} accounts with {CapacityWorld.HistoryMonths} months of invoices in {seeding.Elapsed.TotalSeconds:F0} s");

        if (options.Hold is { } tab)
        {
            // --hold TAB: keep the memory run's circuits of one tab open for three minutes, to look inside with dotnet-gcdump.
            using var session = new BrowserSession(host.Address);
            await session.SignInAsync(world.Dashboard.Members[0]);
            await using var held = await OpenManyAsync(session, Tabs.Single(t => t.Tab == tab).Path, options.MemoryCircuits);
            Console.WriteLine($"holding {options.MemoryCircuits} {tab} circuits for 180 s in host process {host.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(180));
            return;
        }

        if (options.MemoryCircuits > 0)
        {
            await MemoryPerTabAsync(host, world, options.MemoryCircuits);
        }

        if (options.Chromium > 0)
        {
            await ChromiumCrossCheck.RunAsync(host, world, options.Chromium);
        }

        if (options.PushCircuits > 0)
        {
            await PushLatency.OneAccountAsync(host, world, options.PushCircuits, options.Pushes);
            await PushLatency.ManyAccountsAsync(host, world, Math.Min(options.PushCircuits, world.Small.Count));
        }
    }

    private static async Task MemoryPerTabAsync(HostProcess host, CapacityWorld world, int circuits)
    {
        using var session = new BrowserSession(host.Address);
        await session.SignInAsync(world.Dashboard.Members[0]);
        foreach (var (_, path) in Tabs)
        {
            // Warm-up: the first circuits on a page pay for JIT, static caches and pooled buffers, not per circuit.
            await using var warm = await OpenManyAsync(session, path, 5);
        }

        Console.WriteLine($"retained managed memory per idle circuit (full GC before and after, {circuits} circuits per tab, one signed-in member):");
        foreach (var (tab, path) in Tabs)
        {
            var before = await SettledMemoryAsync(host);
            var open = await OpenManyAsync(session, path, circuits);
            var after = await SettledMemoryAsync(host);
            var firstRender = open.FirstRenderBytes;
            await open.DisposeAsync();
            await WaitForCircuitsAsync(host, before.Circuits);

            // Closed circuits are let go over a minute or so (pending JS interop calls hold components until they time out), so wait
            // until 90 % of what opening added is back, at most two minutes: the next tab must start from a clean reading.
            var closing = Stopwatch.StartNew();
            var closed = await SettledMemoryAsync(host);
            while (closed.ManagedBytes > before.ManagedBytes + (after.ManagedBytes - before.ManagedBytes) / 10 && closing.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                closed = await host.MemoryAsync();
            }


            // Two views of the same thing: what opening them added, and what closing them gave back.
            var added = (after.ManagedBytes - before.ManagedBytes) / (double)circuits / 1024;
            var released = (after.ManagedBytes - closed.ManagedBytes) / (double)circuits / 1024;
            var workingSet = (after.WorkingSetBytes - before.WorkingSetBytes) / (double)circuits / 1024;
            Console.WriteLine($"  {tab,-13} {added,6:F0} KB managed per circuit added on open ({released:F0} KB released within {closing.Elapsed.TotalSeconds:F0} s of closing), " +
                              $"working set {workingSet:F0} KB; {after.Circuits - before.Circuits} circuits, first render {firstRender / 1024.0:F0} KB of batches");
        }
    }

    public static async Task<OpenCircuits> OpenManyAsync(BrowserSession session, string path, int count, int parallel = 8)
    {
        var open = new OpenCircuits();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, ct) =>
            open.Add(await session.OpenAsync(path, ct)));
        return open;
    }

    /// <summary>
    /// A reading once the host has settled: closed circuits and their connections are let go a moment after the count drops, so
    /// readings are taken a second apart until two agree within 1 MB (at most 20 s).
    /// </summary>
    public static async Task<MemoryReading> SettledMemoryAsync(HostProcess host)
    {
        var reading = await host.MemoryAsync();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var next = await host.MemoryAsync();
            if (Math.Abs(next.ManagedBytes - reading.ManagedBytes) < 1_048_576 && next.Circuits == reading.Circuits)
            {
                return next;
            }

            reading = next;
        }

        return reading;
    }

    public static async Task WaitForCircuitsAsync(HostProcess host, int expected)
    {
        var watch = Stopwatch.StartNew();
        while ((await host.MemoryAsync()).Circuits > expected)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException("Closed circuits were not released within a minute.");
            }

            await Task.Delay(250);
        }
    }
}

/// <summary>How big a capacity run is (<c>--quick</c> shrinks it).</summary>
internal sealed record CapacityOptions(int MemoryCircuits, int PushCircuits, int Pushes, int SmallAccounts, int Chromium)
{
    public string? Hold { get; init; }

    public static CapacityOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        int Value(string name, int full, int small)
        {
            var at = args.ToList().IndexOf(name);
            return at >= 0 && at + 1 < args.Count ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : quick ? small : full;
        }

        var hold = args.ToList().IndexOf("--hold");
        return new CapacityOptions(Value("--memory-circuits", 200, 20), Value("--push-circuits", 1_000, 50), Value("--pushes", 5, 2),
            Value("--accounts", 1_000, 50), Value("--chromium", 10, 0)) { Hold = hold >= 0 ? args[hold + 1] : null };
    }
}

/// <summary>Circuits opened together and closed together.</summary>
internal sealed class OpenCircuits : IAsyncDisposable
{
    private readonly List<CircuitClient> _circuits = [];

    public IReadOnlyList<CircuitClient> All
    {
        get
        {
            lock (_circuits)
            {
                return [.. _circuits];
            }
        }
    }

    public long FirstRenderBytes => All.Count == 0 ? 0 : All.Sum(c => c.BatchBytes) / All.Count;

    public void Add(CircuitClient circuit)
    {
        lock (_circuits)
        {
            _circuits.Add(circuit);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(All, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (circuit, _) => await circuit.DisposeAsync());
        lock (_circuits)
        {
            _circuits.Clear();
        }
    }
}
