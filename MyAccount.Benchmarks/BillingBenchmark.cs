using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Benchmarks;

/// <summary>
/// A billing run for many accounts: accounts × subscriptions with millions of usage events in the month before,
/// timed beside plain SQL aggregations of the same usage (raw events, and the daily rollups billing reads).
/// </summary>
internal static class BillingBenchmark
{
    public static async Task RunAsync(int accounts, int subscriptionsPerAccount, int events, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        if (provider == DatabaseProvider.PostgreSQL)
        {
            await RunOnPostgreSqlAsync(accounts, subscriptionsPerAccount, events);
            return;
        }

        // The run is timed on its own: the workers that email and charge posted invoices are off.
        await using var app = new BenchmarkApp { BackgroundWorkers = false };
        _ = app.Services; // builds the host: migrations applied
        var period = BillingMonth.Of(TimeProvider.System.GetUtcNow().UtcDateTime);
        var usageMonth = period.Previous;

        var seed = Stopwatch.StartNew();
        await SeedAsync(app.ConnectionString, accounts, subscriptionsPerAccount, events, usageMonth);
        Console.WriteLine($"billing [SQLite]: seeded {accounts:N0} accounts × {subscriptionsPerAccount} subscriptions and {events:N0} usage events in {usageMonth} ({seed.Elapsed.TotalSeconds:F1} s)");

        var rawAggregation = await TimeAsync(app.ConnectionString, $"""
            SELECT AccountId, ProductId, SUM(Quantity) FROM UsageEvents
            WHERE OccurredAt >= '{usageMonth.FirstDay:yyyy-MM-dd}' AND OccurredAt < '{usageMonth.EndExclusive:yyyy-MM-dd}'
            GROUP BY AccountId, ProductId
            """);
        var rollupAggregation = await TimeAsync(app.ConnectionString, $"""
            SELECT AccountId, ProductId, SUM(Quantity) FROM UsageDailyTotals
            WHERE Day >= '{usageMonth.FirstDay:yyyy-MM-dd}' AND Day < '{usageMonth.EndExclusive:yyyy-MM-dd}'
            GROUP BY AccountId, ProductId
            """);

        var engine = app.Services.GetRequiredService<BillingEngine>();
        var watch = Stopwatch.StartNew();
        var result = await engine.RunAsync(new OperatorActor("benchmark"), period);
        watch.Stop();

        Console.WriteLine($"billing [SQLite]: run for {period} posted {result.InvoicesPosted:N0} invoices in {watch.Elapsed.TotalSeconds:F2} s ({result.InvoicesPosted / watch.Elapsed.TotalSeconds:N0} invoices/s)");
        Console.WriteLine($"billing [SQLite]: plain SQL aggregation of the {events:N0} raw events by account and product: {rawAggregation.TotalSeconds:F2} s");
        Console.WriteLine($"billing [SQLite]: plain SQL aggregation of the daily rollups: {rollupAggregation.TotalSeconds:F2} s");
        Console.WriteLine($"billing [SQLite]: the run took {watch.Elapsed / rawAggregation:F1}× the raw-event aggregation (target <= 20 s and within 5×)");
    }

    /// <summary>The same run on PostgreSQL: seeded with binary COPY, timed beside plain SQL aggregations on the same server.</summary>
    private static async Task RunOnPostgreSqlAsync(int accounts, int subscriptionsPerAccount, int events)
    {
        await using var app = new BenchmarkApp(provider: DatabaseProvider.PostgreSQL) { BackgroundWorkers = false };
        _ = app.Services; // builds the host: migrations applied
        var period = BillingMonth.Of(TimeProvider.System.GetUtcNow().UtcDateTime);
        var usageMonth = period.Previous;

        var seed = Stopwatch.StartNew();
        await SeedPostgreSqlAsync(app.ConnectionString, accounts, subscriptionsPerAccount, events, usageMonth);
        Console.WriteLine($"billing [PostgreSQL]: seeded {accounts:N0} accounts × {subscriptionsPerAccount} subscriptions and {events:N0} usage events in {usageMonth} ({seed.Elapsed.TotalSeconds:F1} s)");

        var from = usageMonth.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var until = usageMonth.EndExclusive.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rawAggregation = await TimePostgreSqlAsync(app.ConnectionString, $"""
            SELECT "AccountId", "ProductId", SUM("Quantity") FROM "UsageEvents"
            WHERE "OccurredAt" >= '{from}' AND "OccurredAt" < '{until}' GROUP BY "AccountId", "ProductId"
            """);
        var rollupAggregation = await TimePostgreSqlAsync(app.ConnectionString, $"""
            SELECT "AccountId", "ProductId", SUM("Quantity") FROM "UsageDailyTotals"
            WHERE "Day" >= '{from}' AND "Day" < '{until}' GROUP BY "AccountId", "ProductId"
            """);

        var engine = app.Services.GetRequiredService<BillingEngine>();
        if (int.TryParse(Environment.GetEnvironmentVariable("BILLING_CHUNK_SIZE"), out var chunkSize))
        {
            engine.ChunkSize = chunkSize;
        }

        var watch = Stopwatch.StartNew();
        var result = await engine.RunAsync(new OperatorActor("benchmark"), period);
        watch.Stop();

        Console.WriteLine($"billing [PostgreSQL]: run for {period} posted {result.InvoicesPosted:N0} invoices in {watch.Elapsed.TotalSeconds:F2} s ({result.InvoicesPosted / watch.Elapsed.TotalSeconds:N0} invoices/s)");
        Console.WriteLine($"billing [PostgreSQL]: plain SQL aggregation of the {events:N0} raw events by account and product: {rawAggregation.TotalSeconds:F2} s");
        Console.WriteLine($"billing [PostgreSQL]: plain SQL aggregation of the daily rollups: {rollupAggregation.TotalSeconds:F2} s");
        Console.WriteLine($"billing [PostgreSQL]: the run took {watch.Elapsed / rawAggregation:F1}× the raw-event aggregation (target <= 20 s and within 3×)");
    }

    private static async Task<TimeSpan> TimePostgreSqlAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        var watch = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }

        return watch.Elapsed;
    }

    private static async Task SeedPostgreSqlAsync(string connectionString, int accounts, int subscriptionsPerAccount, int events, BillingMonth month)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var random = new Random(42);
        var products = Enumerable.Range(0, subscriptionsPerAccount).Select(i => (Id: Guid.NewGuid(), Code: $"product{i}")).ToList();
        var accountIds = Enumerable.Range(0, accounts).Select(_ => Guid.NewGuid()).ToList();
        var created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        async Task Exec(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }

        foreach (var (id, code) in products)
        {
            await Exec($"""INSERT INTO "Products" ("Id", "Code", "Name", "Unit") VALUES ('{id}', '{code}', '{code}', 'requests')""");
            await Exec($"""INSERT INTO "UsageTypes" ("ProductId", "Code", "Name") VALUES ('{id}', 'query', 'Query'), ('{id}', 'lookup', 'Lookup')""");
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""COPY "Accounts" ("Id", "Name", "CurrencyCode", "TimeZone", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var a = 0; a < accounts; a++)
            {
                await copy.WriteRowAsync(default, accountIds[a], $"Account {a:D5}", "USD", "Etc/UTC", created.AddTicks(a * 10));
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "Subscriptions" ("Id", "AccountId", "ProductId", "MonthlyFeeMinor", "IncludedVolume", "Overage", "StartsOn", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var account in accountIds)
            {
                foreach (var product in products)
                {
                    await copy.WriteRowAsync(default, Guid.NewGuid(), account, product.Id, 10000L, 80L, """{"model":"unit","unitPrice":0.01}""", month.FirstDay, created);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "UsageEvents" ("AccountId", "ProductId", "UsageTypeCode", "Quantity", "OccurredAt", "ExternalId", "ReceivedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            var start = DateTime.SpecifyKind(month.FirstDay.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
            for (var i = 0; i < events; i++)
            {
                var at = start.AddSeconds(random.Next(month.Days * 86_400));
                await copy.StartRowAsync();
                await copy.WriteAsync(accountIds[i % accounts], NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(products[i / accounts % products.Count].Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(random.Next(2) == 0 ? "query" : "lookup", NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync((long)random.Next(1, 3), NpgsqlTypes.NpgsqlDbType.Bigint);
                await copy.WriteAsync(at, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await copy.WriteAsync($"e{i}", NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(at, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await Exec("""
            INSERT INTO "UsageDailyTotals" ("AccountId", "ProductId", "Day", "UsageTypeCode", "Quantity")
            SELECT "AccountId", "ProductId", ("OccurredAt" AT TIME ZONE 'UTC')::date, "UsageTypeCode", SUM("Quantity") FROM "UsageEvents" GROUP BY 1, 2, 3, 4
            """);
        await Exec("VACUUM ANALYZE");
    }

    private static async Task<TimeSpan> TimeAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var watch = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return watch.Elapsed;
    }

    private static async Task SeedAsync(string connectionString, int accounts, int subscriptionsPerAccount, int events, BillingMonth month)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA synchronous=OFF;");
        var random = new Random(42);
        var products = Enumerable.Range(0, subscriptionsPerAccount).Select(i => (Id: G(), Code: $"product{i}")).ToList();
        var accountIds = Enumerable.Range(0, accounts).Select(_ => G()).ToList();

        await using (var transaction = connection.BeginTransaction())
        {
            foreach (var (id, code) in products)
            {
                await Exec(connection, $"INSERT INTO Products (Id, Code, Name, Unit) VALUES ('{id}', '{code}', '{code}', 'requests')", transaction);
                await Exec(connection, $"INSERT INTO UsageTypes (ProductId, Code, Name) VALUES ('{id}', 'query', 'Query'), ('{id}', 'lookup', 'Lookup')", transaction);
            }

            await using var account = Prepared(connection, transaction, "INSERT INTO Accounts (Id, Name, CurrencyCode, TimeZone, CreatedAt) VALUES ($1, $2, 'USD', 'Etc/UTC', '2026-01-01 00:00:00')", 2);
            await using var subscription = Prepared(connection, transaction, $"""
                INSERT INTO Subscriptions (Id, AccountId, ProductId, MonthlyFeeMinor, IncludedVolume, Overage, StartsOn, EndsOn, CreatedAt)
                VALUES ($1, $2, $3, 10000, 80, '{"{"}"model":"unit","unitPrice":0.01{"}"}', '{month.FirstDay:yyyy-MM-dd}', NULL, '2026-01-01 00:00:00')
                """, 3);
            for (var a = 0; a < accounts; a++)
            {
                account.Parameters[0].Value = accountIds[a];
                account.Parameters[1].Value = $"Account {a:D5}";
                await account.ExecuteNonQueryAsync();
                foreach (var product in products)
                {
                    subscription.Parameters[0].Value = G();
                    subscription.Parameters[1].Value = accountIds[a];
                    subscription.Parameters[2].Value = product.Id;
                    await subscription.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        const int perTransaction = 100_000;
        for (var done = 0; done < events; done += perTransaction)
        {
            await using var transaction = connection.BeginTransaction();
            await using var usage = Prepared(connection, transaction, """
                INSERT INTO UsageEvents (AccountId, ProductId, UsageTypeCode, Quantity, OccurredAt, ExternalId, ReceivedAt)
                VALUES ($1, $2, $3, $4, $5, $6, $5)
                """, 6);
            for (var i = done; i < Math.Min(events, done + perTransaction); i++)
            {
                usage.Parameters[0].Value = accountIds[i % accounts];
                usage.Parameters[1].Value = products[i / accounts % products.Count].Id;
                usage.Parameters[2].Value = random.Next(2) == 0 ? "query" : "lookup";
                usage.Parameters[3].Value = random.Next(1, 3);
                usage.Parameters[4].Value = month.FirstDay.ToDateTime(TimeOnly.MinValue).AddSeconds(random.Next(month.Days * 86_400)).ToString("yyyy-MM-dd HH:mm:ss");
                usage.Parameters[5].Value = $"e{i}";
                await usage.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await Exec(connection, """
            INSERT INTO UsageDailyTotals (AccountId, ProductId, Day, UsageTypeCode, Quantity)
            SELECT AccountId, ProductId, substr(OccurredAt, 1, 10), UsageTypeCode, SUM(Quantity) FROM UsageEvents
            GROUP BY AccountId, ProductId, substr(OccurredAt, 1, 10), UsageTypeCode;
            ANALYZE;
            """);
    }

    private static string G() => Guid.NewGuid().ToString("D").ToUpperInvariant();

    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        }

        command.Prepare();
        return command;
    }

    private static async Task Exec(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
