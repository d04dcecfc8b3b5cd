using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Access;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Usage;

namespace MyAccount.Benchmarks;

/// <summary>
/// Usage ingestion through the HTTP API (batches of 1,000, loopback Kestrel) beside the provider's plain way of writing the same
/// number of rows into the same table, in the same run: on SQLite a Microsoft.Data.Sqlite batched insert, on PostgreSQL a
/// binary COPY per batch.
/// </summary>
internal static class IngestionBenchmark
{
    /// <summary>Usage lands in the last few days, as live usage does (so usage alerts are checked as in production).</summary>
    private static readonly DateTime UsageBase = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-6);

    /// <summary>Requests in flight at once: one (a sender waiting for each answer), and two (a sender with a small worker pool).
    /// INGEST_CONCURRENCY=N measures only N.</summary>
    public static int[] ConcurrencyLevels { get; set; } = int.TryParse(Environment.GetEnvironmentVariable("INGEST_CONCURRENCY"), out var c) ? [c] : [1, 2];

    public static async Task RunAsync(int batches, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        const int batchSize = 1_000;
        await using var app = new BenchmarkApp(provider: provider);
        var name = provider == DatabaseProvider.PostgreSQL ? "ingestion [PostgreSQL]" : "ingestion [SQLite]";
        int[] levels = provider == DatabaseProvider.PostgreSQL && Environment.GetEnvironmentVariable("INGEST_CONCURRENCY") is null ? [1, 2, 4] : ConcurrencyLevels;
        var api = app.Operator();
        (await api.PostAsJsonAsync("/api/v1/products", new { code = "search", name = "Search", unit = "requests", usageTypes = new[] { "query", "lookup", "suggest" } })).EnsureSuccessStatusCode();
        var accounts = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var created = await (await api.PostAsJsonAsync("/api/v1/accounts", new { name = $"Bench {i}", currency = "USD" })).Content.ReadFromJsonAsync<Created>();
            accounts.Add(created!.Id.ToString());
            (await api.PostAsJsonAsync($"/api/v1/accounts/{created.Id}/subscriptions", new
            {
                productCode = "search", monthlyFee = "100.00", includedVolume = 1_000_000, overage = new { model = "unit", unitPrice = "0.001" }, startsOn = "2020-01-01",
            })).EnsureSuccessStatusCode();
        }

        // Warm up as a long-running server is warm (tiered JIT reaches its optimised code, connection pool filled):
        // 5 seconds of batches with their own ids, not timed.
        var warmUp = Stopwatch.StartNew();
        for (var w = 0; warmUp.Elapsed < TimeSpan.FromSeconds(5); w++)
        {
            (await api.PostAsync("/api/v1/usage", new StringContent(Batch("w", -1 - w, batchSize, accounts), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        var events = batches * batchSize;
        var apiRates = new List<(int Concurrency, double Seconds, double Rate)>();
        foreach (var concurrency in levels)
        {
            var bodies = Enumerable.Range(0, batches).Select(b => Encoding.UTF8.GetBytes(Batch($"c{concurrency}-", b, batchSize, accounts))).ToList();
            var watch = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < bodies.Count)
                {
                    using var content = new ByteArrayContent(bodies[index]);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    var response = await api.PostAsync("/api/v1/usage", content);
                    response.EnsureSuccessStatusCode();
                }
            }));

            watch.Stop();
            apiRates.Add((concurrency, watch.Elapsed.TotalSeconds, events / watch.Elapsed.TotalSeconds));
        }

        var serviceRate = await ServiceRateAsync(app, batches, batchSize, accounts);
        var plainRate = provider == DatabaseProvider.PostgreSQL
            ? await PlainCopyRateAsync(app.ConnectionString, batches, batchSize, accounts)
            : await PlainInsertRateAsync(app.ConnectionString, batches, batchSize, accounts);
        Console.WriteLine($"{name}: the same batches straight into UsageIngestionService (no HTTP, no JSON): {serviceRate:N0} events/s");
        foreach (var (concurrency, seconds, rate) in apiRates)
        {
            Console.WriteLine($"{name}: {events:N0} events in {batches:N0} HTTP batches of {batchSize:N0}, {concurrency} in flight: {seconds:F2} s = {rate:N0} events/s = {rate / plainRate:P0} of the plain rate");
        }

        Console.WriteLine(provider == DatabaseProvider.PostgreSQL
            ? $"{name}: plain binary COPY of the same rows, one COPY and transaction per 1,000 rows, same table: {plainRate:N0} rows/s"
            : $"{name}: plain Microsoft.Data.Sqlite batched insert, same table: {plainRate:N0} rows/s");
        Console.WriteLine($"{name}: target >= 100,000 events/s and >= 50% of the plain rate");
    }

    private static async Task<double> ServiceRateAsync(BenchmarkApp app, int batches, int size, List<string> accounts)
    {
        var service = app.Services.GetRequiredService<UsageIngestionService>();
        var operatorActor = new OperatorActor("benchmark");
        var inputs = Enumerable.Range(0, batches).Select(b => Enumerable.Range(0, size).Select(i => new UsageEventInput($"s{b}-e{i}", accounts[i % accounts.Count], "search",
            (i % 3) switch { 0 => "query", 1 => "lookup", _ => "suggest" }, 1 + i % 50,
            new DateTimeOffset(UsageBase).AddSeconds((b + 1) * 997L + i * 31L))).ToList()).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var batch in inputs)
        {
            await service.IngestAsync(operatorActor, batch);
        }

        return batches * size / watch.Elapsed.TotalSeconds;
    }

    private static string Batch(string prefix, int batch, int size, List<string> accounts)
    {
        var text = new StringBuilder("{\"events\":[");
        for (var i = 0; i < size; i++)
        {
            var account = accounts[i % accounts.Count];
            var type = (i % 3) switch { 0 => "query", 1 => "lookup", _ => "suggest" };
            var at = UsageBase.AddSeconds((batch + 1) * 997L + i * 31L);
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{prefix}b{batch}-e{i}\",\"accountId\":\"{account}\",\"productCode\":\"search\",\"usageType\":\"{type}\",\"quantity\":{1 + i % 50},\"occurredAt\":\"{at:yyyy-MM-ddTHH:mm:ssZ}\"}}");
            text.Append(i < size - 1 ? "," : "]}");
        }

        return text.ToString();
    }

    /// <summary>
    /// The floor: the same events (same accounts, same kind of ids, same times) as prepared single-row INSERTs into the same
    /// table, one transaction per 1,000 rows, with none of the API's work (no HTTP, JSON, validation, rollups or idempotency check).
    /// </summary>
    private static async Task<double> PlainInsertRateAsync(string connectionString, int batches, int batchSize, List<string> accounts)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;";
            await pragma.ExecuteNonQueryAsync();
        }

        string productId;
        await using (var lookup = connection.CreateCommand())
        {
            lookup.CommandText = "SELECT Id FROM Products LIMIT 1";
            productId = (string)(await lookup.ExecuteScalarAsync())!;
        }

        var accountIds = accounts.Select(a => a.ToUpperInvariant()).ToList();
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < batches; batch++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO UsageEvents (AccountId, ProductId, UsageTypeCode, Quantity, OccurredAt, ExternalId, ReceivedAt) VALUES ($a, $p, $t, $q, $o, $e, $r)";
            var a = insert.Parameters.Add("$a", SqliteType.Text);
            var p = insert.Parameters.Add("$p", SqliteType.Text);
            var t = insert.Parameters.Add("$t", SqliteType.Text);
            var q = insert.Parameters.Add("$q", SqliteType.Integer);
            var o = insert.Parameters.Add("$o", SqliteType.Text);
            var e = insert.Parameters.Add("$e", SqliteType.Text);
            var r = insert.Parameters.Add("$r", SqliteType.Text);
            insert.Prepare();
            r.Value = "2026-11-28 10:00:00";
            for (var i = 0; i < batchSize; i++)
            {
                a.Value = accountIds[i % accountIds.Count];
                p.Value = productId;
                t.Value = (i % 3) switch { 0 => "query", 1 => "lookup", _ => "suggest" };
                q.Value = 1 + i % 50;
                o.Value = UsageBase.AddSeconds((batch + 1) * 997L + i * 31L).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                e.Value = $"p{batch}-e{i}";
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        return batches * batchSize / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The floor on PostgreSQL: the same rows by binary COPY straight into the table, one COPY and transaction per batch.</summary>
    private static async Task<double> PlainCopyRateAsync(string connectionString, int batches, int batchSize, List<string> accounts)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Guid productId;
        await using (var lookup = new Npgsql.NpgsqlCommand("""SELECT "Id" FROM "Products" LIMIT 1""", connection))
        {
            productId = (Guid)(await lookup.ExecuteScalarAsync())!;
        }

        var accountIds = accounts.Select(Guid.Parse).ToList();
        var received = DateTime.SpecifyKind(UsageBase, DateTimeKind.Utc);
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < batches; batch++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY "UsageEvents" ("AccountId", "ProductId", "UsageTypeCode", "Quantity", "OccurredAt", "ExternalId", "ReceivedAt") FROM STDIN (FORMAT BINARY)"""))
            {
                for (var i = 0; i < batchSize; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(accountIds[i % accountIds.Count], NpgsqlTypes.NpgsqlDbType.Uuid);
                    await copy.WriteAsync(productId, NpgsqlTypes.NpgsqlDbType.Uuid);
                    await copy.WriteAsync((i % 3) switch { 0 => "query", 1 => "lookup", _ => "suggest" }, NpgsqlTypes.NpgsqlDbType.Varchar);
                    await copy.WriteAsync(1L + i % 50, NpgsqlTypes.NpgsqlDbType.Bigint);
                    await copy.WriteAsync(DateTime.SpecifyKind(UsageBase.AddSeconds((batch + 1) * 997L + i * 31L), DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync($"p{batch}-e{i}", NpgsqlTypes.NpgsqlDbType.Varchar);
                    await copy.WriteAsync(received, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                }

                await copy.CompleteAsync();
            }

            await transaction.CommitAsync();
        }

        return batches * batchSize / watch.Elapsed.TotalSeconds;
    }

    private sealed record Created(Guid Id);
}
