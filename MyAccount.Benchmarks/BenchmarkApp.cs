using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MyAccount.Benchmarks;

/// <summary>
/// The real app on a loopback Kestrel port, a clean database (a SQLite file, or a new PostgreSQL database on the local server
/// that scripts/postgres.sh starts), no demo data and no scheduler.
/// </summary>
internal sealed class BenchmarkApp : WebApplicationFactory<MyAccount.Web.Auth.CurrentPerson>
{
    public const string Key = "benchmark-operator-key";

    /// <summary>The local PostgreSQL server (override with MYACCOUNT_BENCH_POSTGRES).</summary>
    public static string PostgreSqlServer => System.Environment.GetEnvironmentVariable("MYACCOUNT_BENCH_POSTGRES") is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Port=5432;Username=myaccount;Password=myaccount";

    public BenchmarkApp(string environment = "Production", MyAccount.Domain.Persistence.DatabaseProvider provider = MyAccount.Domain.Persistence.DatabaseProvider.Sqlite)
    {
        Environment = environment;
        Provider = provider;
        Directory.CreateDirectory(Folder);
        if (provider == MyAccount.Domain.Persistence.DatabaseProvider.PostgreSQL)
        {
            PostgreSqlDatabase = $"myaccount_bench_{Guid.NewGuid():N}";
            using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = "postgres" }.ConnectionString);
            admin.Open();
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {PostgreSqlDatabase} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'", admin);
            create.ExecuteNonQuery();
        }

        UseKestrel(0);
    }

    public MyAccount.Domain.Persistence.DatabaseProvider Provider { get; }

    /// <summary>Run the invoice email and charging workers (off for the billing run, which is timed on its own).</summary>
    public bool BackgroundWorkers { get; init; } = true;

    /// <summary>Add the capacity tool's sign-in, memory reading and circuit counter (see <see cref="Capacity.CapacityHostEndpoints"/>).</summary>
    public bool CapacityEndpoints { get; init; }

    public string? PostgreSqlDatabase { get; }

    public string Environment { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "myaccount-bench", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, "bench.db");

    public string ConnectionString => PostgreSqlDatabase is { } database
        ? new Npgsql.NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = database, MaxPoolSize = 50 }.ConnectionString
        : $"Data Source={DatabasePath}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:MyAccount", ConnectionString);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("DemoData:Enabled", "false");
        builder.UseSetting("Billing:Scheduler:Enabled", "false");
        if (!BackgroundWorkers)
        {
            builder.UseSetting("Billing:InvoiceEmails:Enabled", "false");
            builder.UseSetting("Billing:Charging:Enabled", "false");
        }

        builder.UseSetting("Operator:ApiKey", Key);
        if (CapacityEndpoints)
        {
            builder.UseSetting("RateLimits:SignInPerMinute", "1000000");
            builder.UseSetting("RateLimits:UsageRequestsPerSecond", "1000000");
            builder.ConfigureServices(Capacity.CapacityHostEndpoints.Add);
        }

        if (Environment == "Production")
        {
            // Production needs Entra configuration to start; these benchmarks never sign anyone in.
            builder.UseSetting("AzureAd:ClientId", "00000000-0000-0000-0000-000000000001");
            builder.UseSetting("AzureAd:TenantId", "00000000-0000-0000-0000-000000000002");
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Email:AllowPickupFolder", "true");
        builder.UseSetting("Payments:AllowSandbox", "true");
        builder.UseSetting("Email:PickupFolder", Path.Combine(Folder, "mail"));
    }

    public HttpClient Operator()
    {
        var client = Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    /// <summary>A client on the real loopback port that keeps cookies (for the development sign-in).</summary>
    public HttpClient Browser()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(addresses.First()) };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        if (PostgreSqlDatabase is { } database && System.Environment.GetEnvironmentVariable("MYACCOUNT_BENCH_KEEP") != "1")
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
