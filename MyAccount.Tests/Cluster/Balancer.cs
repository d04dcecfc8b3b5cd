using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Debian's HAProxy in front of test instances, configured by the same generator as <c>scripts/cluster.sh</c>
/// (<c>scripts/haproxy-config.sh</c>: cookie-sticky sessions, WebSockets, <c>/healthz/ready</c> checks), on a loopback port of its
/// own, run in the foreground as a child process of the test and ended with it.
/// </summary>
public sealed class Balancer : IAsyncDisposable
{
    /// <summary>The cookie HAProxy pins a browser to an instance with; its value is the instance's name.</summary>
    public const string StickyCookie = "MYACCOUNT_INSTANCE";

    private readonly Process _process;
    private readonly string _folder;
    private readonly ConcurrentQueue<string> _output = new();

    private Balancer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts HAProxy and returns once it forwards to every instance (a request pinned to each reaches that instance).</summary>
    public static async Task<Balancer> StartAsync(params AppProcess[] instances)
    {
        var port = AppProcess.FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "myaccount-cluster-tests", $"haproxy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "haproxy.cfg");
        var servers = instances.Select(i => $"{i.Name}={i.Address.Host}:{i.Address.Port}");
        await File.WriteAllTextAsync(config, await RunAsync("bash",
            [Path.Combine(AppProcess.RepositoryRoot, "scripts", "haproxy-config.sh"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(folder, "haproxy.pid"), .. servers]));

        // -db: in the foreground (the generated configuration says daemon, for scripts/cluster.sh), so the test owns the process.
        var start = new ProcessStartInfo(Executable(), ["-db", "-f", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        var balancer = new Balancer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => balancer.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => balancer.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var instance in instances)
        {
            await balancer.WaitUntilForwardingAsync(instance.Name);
        }

        return balancer;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilForwardingAsync(string instance)
    {
        var cookies = new CookieContainer();
        cookies.Add(Address, new Cookie(StickyCookie, instance));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await ChildProcessReadiness.WaitAsync(_process, async () =>
        {
            using var response = await client.GetAsync("healthz/ready");
            return response.StatusCode == HttpStatusCode.OK
                   && response.Headers.TryGetValues(MyAccount.Web.Cluster.ClusterInstance.Header, out var answered) && answered.Single() == instance;
        }, TimeSpan.FromSeconds(30), () => $"HAProxy forwarding to instance {instance}:\n{string.Join('\n', _output)}\n");
    }

    private static string Executable() =>
        new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("The balancer tests need HAProxy: apt-get install -y haproxy (test.sh does as root).");

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
