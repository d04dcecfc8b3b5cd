using System.Globalization;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>How long and how big a soak is; <c>--quick</c> is one minute with 40 sessions.</summary>
internal sealed record SoakOptions(TimeSpan Duration, int Sessions, int Accounts, int UsageEventsPerSecond, int MaxActions, TimeSpan PushEvery, TimeSpan MemoryEvery, TimeSpan WarmUp)
{
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        double Value(string name, double full, double small)
        {
            var at = args.ToList().IndexOf(name);
            return at >= 0 && at + 1 < args.Count ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : quick ? small : full;
        }

        var minutes = Value("--minutes", 5, 1);
        var warmUp = Value("--warm-up", Math.Min(60, minutes * 60 / 5), Math.Min(60, minutes * 60 / 5));
        return new SoakOptions(TimeSpan.FromMinutes(minutes), (int)Value("--sessions", 200, 40), (int)Value("--accounts", 20, 5),
            (int)Value("--usage-per-second", 500, 200), (int)Value("--max-actions", 100_000, 10_000),
            TimeSpan.FromSeconds(Value("--push-every", 20, 10)), TimeSpan.FromSeconds(Value("--memory-every", 15, 10)),
            TimeSpan.FromSeconds(warmUp));
    }
}
