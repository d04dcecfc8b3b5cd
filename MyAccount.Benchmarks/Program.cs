using System.Globalization;
using MyAccount.Benchmarks;

// MyAccount benchmarks: dotnet run -c Release --project MyAccount.Benchmarks [ingest|pages|billing|all]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var which = args.FirstOrDefault() ?? "all";
Console.WriteLine($"MyAccount benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (which is "ingest" or "all")
{
    await IngestionBenchmark.RunAsync(batches: 300);
}

if (which is "pages" or "all")
{
    await PageRenderBenchmark.RunAsync();
}

if (which is "billing" or "all")
{
    await BillingBenchmark.RunAsync(accounts: 10_000, subscriptionsPerAccount: 3, events: 3_000_000);
}
