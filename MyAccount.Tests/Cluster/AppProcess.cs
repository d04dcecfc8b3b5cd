using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// One real MyAccount instance: the built <c>MyAccount.Web.dll</c> started with <c>dotnet</c> on a loopback port of its own, in
/// Development, with the settings given as environment variables and a home folder of its own (so nothing is shared through the
/// user's profile, as on separate machines). Its console output is kept for the test to read.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _home;

    private AppProcess(string name, Process process, string home, Uri address)
    {
        Name = name;
        _process = process;
        _home = home;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the instance and returns once <c>/healthz/ready</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var home = Path.Combine(Path.GetTempPath(), "myaccount-cluster-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        var web = WebOutputFolder();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "MyAccount.Web.dll")])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = home;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Cluster__InstanceName"] = name;
        start.Environment["Email__PickupFolder"] = Path.Combine(home, "mail-outbox");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new AppProcess(name, process, home, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync();
        return app;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await ChildProcessReadiness.WaitAsync(_process, async () => (await client.GetAsync("healthz/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90), () => $"Instance {Name}:\n{string.Join('\n', Output)}\n");
    }

    /// <summary>Waits until a line of the instance's output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Instance {Name} did not print \"{text}\" within {timeout}:\n{string.Join('\n', Output)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Ends the process at once, as a crash or a killed container would (no graceful shutdown).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>A client of this instance that keeps cookies in <paramref name="cookies"/> and does not follow redirects.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = Address,
        };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the ended process: the temp folder is cleaned up by the system.
        }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository's root folder (the test assembly runs from …/MyAccount.Tests/bin/Debug/net10.0).</summary>
    internal static string RepositoryRoot =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>MyAccount.Web's build output of the same configuration as this test assembly (…/MyAccount.Web/bin/Debug/net10.0).</summary>
    private static string WebOutputFolder()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = tests.Name;
        var configuration = tests.Parent!.Name;
        var folder = Path.Combine(RepositoryRoot, "MyAccount.Web", "bin", configuration, framework);
        return File.Exists(Path.Combine(folder, "MyAccount.Web.dll"))
            ? folder
            : throw new InvalidOperationException($"MyAccount.Web is not built at {folder}: build the solution first.");
    }
}
