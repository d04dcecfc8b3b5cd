using System.Globalization;
using MyAccount.Benchmarks;

// MyAccount benchmarks: dotnet run -c Release --project MyAccount.Benchmarks [ingest|pages|billing|all] [sqlite|postgresql|both]
// PostgreSQL runs need the local server: bash scripts/postgres.sh (it starts it, and creates the myaccount role).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var which = args.FirstOrDefault() ?? "all";
var providers = (args.Skip(1).FirstOrDefault() ?? "both") switch
{
    "sqlite" => new[] { MyAccount.Domain.Persistence.DatabaseProvider.Sqlite },
    "postgresql" => [MyAccount.Domain.Persistence.DatabaseProvider.PostgreSQL],
    _ => [MyAccount.Domain.Persistence.DatabaseProvider.Sqlite, MyAccount.Domain.Persistence.DatabaseProvider.PostgreSQL],
};
Console.WriteLine($"MyAccount benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (which is "ingest" or "all")
{
    foreach (var provider in providers)
    {
        await IngestionBenchmark.RunAsync(batches: 300, provider);
    }
}

if (which is "pages" or "all")
{
    await PageRenderBenchmark.RunAsync();
}

if (which is "billing" or "all")
{
    foreach (var provider in providers)
    {
        await BillingBenchmark.RunAsync(accounts: 10_000, subscriptionsPerAccount: 3, events: 3_000_000, provider);
    }
}
