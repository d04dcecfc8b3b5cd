namespace MyAccount.Benchmarks.Capacity;

/// <summary>A set of durations in milliseconds and its percentiles (nearest rank).</summary>
internal sealed class Latencies
{
    private readonly List<double> _values = [];

    public int Count
    {
        get
        {
            lock (_values)
            {
                return _values.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_values)
        {
            _values.Add(milliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_values)
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _values.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }

    public override string ToString() =>
        Count == 0 ? "no samples" : $"p50 {Percentile(50):F0} ms, p95 {Percentile(95):F0} ms, p99 {Percentile(99):F0} ms, max {Percentile(100):F0} ms (n={Count})";
}
