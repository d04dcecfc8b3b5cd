namespace MyAccount.Benchmarks.Capacity;

/// <summary>What a soak prints: errors, latencies per kind of action, losses, pushes and memory over time.</summary>
internal static class SoakReport
{
    public static void Print(SoakStats stats, List<(TimeSpan At, MemoryReading Reading)> memory, MemoryReading closing, SoakOptions options, long lostEvents, int invoicesPosted)
    {
        Console.WriteLine($"soak results after {options.Duration.TotalMinutes:F1} min: {stats.Actions:N0} actions, {stats.Errors} errors");
        foreach (var message in stats.FirstErrors)
        {
            Console.WriteLine($"  error: {message}");
        }

        foreach (var (kind, latencies) in stats.ByKind.OrderBy(k => k.Key))
        {
            Console.WriteLine($"  {kind,-36} {latencies}");
        }

        Console.WriteLine($"  usage: {stats.UsageAccepted:N0} events accepted, {lostEvents} lost (sent again at the end, every one came back a duplicate when 0)");
        Console.WriteLine($"  invoices: {invoicesPosted} posted during the soak and listed afterwards, {stats.InvoicesMissing} missing against what the runs reported");
        Console.WriteLine($"  pushes to open Invoices tabs (watchers): {stats.PushesDelivered:N0} delivered within {SoakTest.PushDeadline.TotalSeconds:F0} s, {stats.PushesMissed} missed");
        Console.WriteLine("  memory in the host (managed after a full GC; working set; circuits):");
        foreach (var (at, reading) in memory)
        {
            Console.WriteLine($"    {at:mm\\:ss}  {reading.ManagedBytes / 1048576.0,6:F1} MB  {reading.WorkingSetBytes / 1048576.0,7:F1} MB  {reading.Circuits,4}");
        }

        Console.WriteLine($"    after the sessions closed: {closing.ManagedBytes / 1048576.0:F1} MB managed, {closing.Circuits} circuits (the watchers)");
        var afterWarmUp = memory.Where(m => m.At >= options.WarmUp).Select(m => m.Reading.ManagedBytes / 1048576.0).ToList();
        if (afterWarmUp.Count > 1)
        {
            var first = afterWarmUp[0];
            Console.WriteLine($"  managed memory after warm-up ({options.WarmUp.TotalSeconds:F0} s): first {first:F1} MB, min {afterWarmUp.Min():F1}, max {afterWarmUp.Max():F1}, " +
                              $"last {afterWarmUp[^1]:F1} MB (max {(afterWarmUp.Max() / first - 1) * 100:+0.0;-0.0} % against the first)");
        }
    }
}
