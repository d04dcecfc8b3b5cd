using System.Diagnostics;
using System.Net.Http.Json;

namespace MyAccount.Benchmarks.Capacity;

/// <summary>
/// The app under measurement runs in a child process (<c>MyAccount.Benchmarks host</c>), so the tool's own clients never
/// count in the server's memory. The child prints its loopback address and stops when its standard input closes.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Operator = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
        Operator.DefaultRequestHeaders.Authorization = new("Bearer", BenchmarkApp.Key);
    }

    public Uri Address { get; }

    /// <summary>The host's process id (for dotnet-gcdump or dotnet-counters while a run holds its circuits).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The operator API's client (bearer key of the benchmark host).</summary>
    public HttpClient Operator { get; }

    /// <param name="backgroundWorkers">Run the invoice email and charging workers (off for the capacity figures: after seeding they
    /// would be mailing thousands of invoices while memory is measured).</param>
    public static async Task<HostProcess> StartAsync(bool backgroundWorkers)
    {
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(HostProcess).Assembly.Location, "host" } }
            : new ProcessStartInfo(self) { ArgumentList = { "host" } };
        if (!backgroundWorkers)
        {
            start.ArgumentList.Add("--no-workers");
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                _ = Task.Run(async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync() is { } more)
                    {
                        Console.WriteLine($"  [host] {more}");
                    }
                });
                return new HostProcess(process, new Uri(line["LISTENING ".Length..].TrimEnd('/') + "/"));
            }

            Console.WriteLine($"  [host] {line}");
        }

        throw new InvalidOperationException("The benchmark host exited before it listened.");
    }

    /// <summary>Managed memory after a full collection in the host, its working set and open circuits.</summary>
    public async Task<MemoryReading> MemoryAsync() => (await Operator.GetFromJsonAsync<MemoryReading>("bench/memory"))!;

    /// <summary>The child side: host the app until standard input closes.</summary>
    public static async Task RunChildAsync(IReadOnlyList<string> args)
    {
        await using var app = new BenchmarkApp("Development") { CapacityEndpoints = true, BackgroundWorkers = !args.Contains("--no-workers") };
        var client = app.Browser();
        Console.WriteLine($"LISTENING {client.BaseAddress}");
        await Console.In.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Operator.Dispose();
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
