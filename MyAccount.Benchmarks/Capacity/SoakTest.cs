namespace MyAccount.Benchmarks.Capacity;

internal static class SoakTest
{
    public static Task RunAsync(SoakOptions options) => Task.CompletedTask;
}

internal sealed record SoakOptions(int Minutes)
{
    public static SoakOptions Parse(IReadOnlyList<string> args) => new(5);
}
