using System.Diagnostics;

namespace MyAccount.Tests.Infrastructure;

/// <summary>Polls a condition that background work makes true; fails after a deadline (elapsed time, not the calendar) instead of hanging.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.Should().BeLessThan(timeout, because);
            await Task.Delay(20);
        }
    }
}
