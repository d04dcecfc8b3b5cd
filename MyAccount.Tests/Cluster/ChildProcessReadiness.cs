using System.Diagnostics;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Waits for a child process (an app instance, HAProxy) to answer a readiness probe: the probe is asked again every 100 ms until it
/// says yes, the process exits (fails at once, with its output), or the timeout passes. A wait for a condition in another process,
/// not a timed sleep.
/// </summary>
internal static class ChildProcessReadiness
{
    public static async Task WaitAsync(Process process, Func<Task<bool>> ready, TimeSpan timeout, Func<string> describe)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{describe()} exited with {process.ExitCode}.");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{describe()} was not ready within {timeout.TotalSeconds:0} s.");
    }
}
