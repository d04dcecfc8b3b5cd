using System.Collections.Concurrent;
using System.Diagnostics;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>What a soak counts: latencies per kind of action, errors, usage accepted, invoices posted, pushes delivered.</summary>
internal sealed class SoakStats
{
    private readonly ConcurrentQueue<string> _errors = new();
    private int _errorCount;
    private int _actions;
    private long _usageAccepted;
    private int _invoicesMissing;
    private int _pushesDelivered;
    private int _pushesMissed;

    public ConcurrentDictionary<string, Latencies> ByKind { get; } = new();

    public int Actions => Volatile.Read(ref _actions);

    public int Errors => Volatile.Read(ref _errorCount);

    public IEnumerable<string> FirstErrors => _errors.Take(10);

    public long UsageAccepted => Interlocked.Read(ref _usageAccepted);

    public int InvoicesMissing => _invoicesMissing;

    public int PushesDelivered => _pushesDelivered;

    public int PushesMissed => _pushesMissed;

    public async Task<T> TimeAsync<T>(string kind, Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        ByKind.GetOrAdd(kind, _ => new Latencies()).Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        Interlocked.Increment(ref _actions);
        return result;
    }

    public Task TimeAsync(string kind, Func<Task> action) => TimeAsync(kind, async () =>
    {
        await action();
        return true;
    });

    public void Error(string message)
    {
        Interlocked.Increment(ref _errorCount);
        _errors.Enqueue(message);
    }

    public void Usage(int accepted) => Interlocked.Add(ref _usageAccepted, accepted);

    public void Posted(int posted, int expected) => Interlocked.Add(ref _invoicesMissing, Math.Max(0, expected - posted));

    public void Pushed(int receivers, int missed)
    {
        Interlocked.Add(ref _pushesDelivered, receivers - missed);
        Interlocked.Add(ref _pushesMissed, missed);
    }
}
