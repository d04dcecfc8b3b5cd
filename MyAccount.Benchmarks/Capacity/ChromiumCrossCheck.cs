namespace MyAccount.Benchmarks.Capacity;

internal static class ChromiumCrossCheck
{
    public static Task RunAsync(HostProcess host, CapacityWorld world, int tabs) => Task.CompletedTask;
}
