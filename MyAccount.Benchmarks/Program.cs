using System.Globalization;
using MyAccount.Benchmarks;

// MyAccount benchmarks: dotnet run -c Release --project MyAccount.Benchmarks [ingest|pages|billing|all] [sqlite|postgresql|both]
// Capacity: dotnet run -c Release --project MyAccount.Benchmarks capacity [--quick] | soak [--minutes N] (see README, Capacity).
// PostgreSQL runs need the local server: bash scripts/postgres.sh (it starts it, and creates the myaccount role).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var which = args.FirstOrDefault() ?? "all";
if (which == "host")
{
    // The capacity tool's child process: the app under measurement, alone in its process.
    await MyAccount.Benchmarks.Capacity.HostProcess.RunChildAsync(args);
    return;
}

if (which is "capacity" or "soak")
{
    Console.WriteLine($"MyAccount {which} on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    if (which == "capacity")
    {
        await MyAccount.Benchmarks.Capacity.CapacityBenchmark.RunAsync(MyAccount.Benchmarks.Capacity.CapacityOptions.Parse(args));
    }
    else
    {
        await MyAccount.Benchmarks.Capacity.SoakTest.RunAsync(MyAccount.Benchmarks.Capacity.SoakOptions.Parse(args));
    }

    return;
}

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
