using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Insights;
using MyAccount.Domain.Usage;
using Npgsql;
using NpgsqlTypes;

namespace MyAccount.Domain.Persistence.PostgreSql;

/// <summary>
/// PostgreSQL's usage path: the batch is streamed into a session-local staging table with binary <c>COPY</c>, then one
/// set-based <c>INSERT … ON CONFLICT DO NOTHING</c> keeps the new events (a repeated id per account is skipped) and returns
/// their rollups; rollups and late-usage markers are upserted from arrays (<c>unnest</c>) in key order, so concurrent batches
/// lock rows in the same order. Batches run in parallel; a billing chunk excludes them with an advisory lock.
/// </summary>
internal sealed class PostgreSqlUsageStore : IUsageStore
{
    public static readonly PostgreSqlUsageStore Instance = new();

    /// <summary>The advisory lock key shared by ingestion (shared) and billing chunks (exclusive).</summary>
    public const long UsageAndBillingLock = 0x4D79_4163_5573;

    public Task EnterIngestionAsync(MyAccountDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock_shared({UsageAndBillingLock})", ct);

    public async Task<UsageReferenceData> LoadReferenceAsync(DbConnection connection, IReadOnlyCollection<Guid> accounts, CancellationToken ct)
    {
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = """
            SELECT "Id" FROM "Accounts" WHERE "Id" = ANY(@accounts);
            SELECT p."Id", p."Code", t."Code" FROM "Products" p LEFT JOIN "UsageTypes" t ON t."ProductId" = p."Id";
            SELECT "AccountId", "ProductId", "StartsOn", "EndsOn" FROM "Subscriptions" WHERE "AccountId" = ANY(@accounts);
            SELECT "AccountId", MAX("Year" * 12 + "Month" - 1) FROM "Invoices" WHERE "AccountId" = ANY(@accounts) GROUP BY "AccountId";
            SELECT MAX("Year" * 12 + "Month" - 1) FROM "ClosedBillingPeriods";
            """;
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("accounts", accounts.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await UsageReferenceData.ReadAsync(reader, ReadDate, ct);
    }

    public async Task<(int Accepted, Dictionary<RollupKey, long> Rollups)> InsertEventsAsync(DbConnection connection, IReadOnlyList<ValidUsageEvent> events, DateTime now, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        // The fast path: leave out the ids already stored (and repeats within the batch: the first wins), then COPY the rest
        // straight into the table. A batch racing another with the same ids meets the unique index: the COPY is rolled back to
        // its savepoint and the batch goes through the staging table's INSERT … ON CONFLICT DO NOTHING instead.
        var fresh = await NewEventsAsync(npgsql, events, ct);
        await ExecuteAsync(npgsql, "SAVEPOINT usage_copy", ct);
        try
        {
            await CopyAsync(npgsql, """COPY "UsageEvents" ("AccountId", "ProductId", "UsageTypeCode", "Quantity", "OccurredAt", "ExternalId", "ReceivedAt") FROM STDIN (FORMAT BINARY)""",
                fresh, now, ct);
            await ExecuteAsync(npgsql, "RELEASE SAVEPOINT usage_copy", ct);
            var rollups = new Dictionary<RollupKey, long>();
            foreach (var e in fresh)
            {
                var key = new RollupKey(e.Account, e.Product, DateOnly.FromDateTime(e.OccurredAt), e.UsageType);
                rollups[key] = rollups.GetValueOrDefault(key) + e.Quantity;
            }

            return (fresh.Count, rollups);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync(npgsql, "ROLLBACK TO SAVEPOINT usage_copy", ct);
            return await InsertThroughStagingAsync(npgsql, events, now, ct);
        }
    }

    /// <summary>The events whose (account, id) is not stored yet, without repeats (the first of a repeated id is kept).</summary>
    private static async Task<List<ValidUsageEvent>> NewEventsAsync(NpgsqlConnection connection, IReadOnlyList<ValidUsageEvent> events, CancellationToken ct)
    {
        var stored = new HashSet<(Guid, string)>();
        await using (var lookup = connection.CreateCommand())
        {
            lookup.CommandText = """
                SELECT e."AccountId", e."ExternalId" FROM "UsageEvents" e
                JOIN unnest(@accounts, @ids) AS b("AccountId", "ExternalId") ON e."AccountId" = b."AccountId" AND e."ExternalId" = b."ExternalId"
                """;
            lookup.Parameters.Add(new NpgsqlParameter<Guid[]>("accounts", events.Select(e => e.Account.Value).ToArray()));
            lookup.Parameters.Add(new NpgsqlParameter<string[]>("ids", events.Select(e => e.ExternalId).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        var fresh = new List<ValidUsageEvent>(events.Count);
        foreach (var e in events)
        {
            if (stored.Add((e.Account.Value, e.ExternalId)))
            {
                fresh.Add(e);
            }
        }

        return fresh;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copyCommand, IReadOnlyList<ValidUsageEvent> events, DateTime? receivedAt, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copyCommand, ct);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            await copy.StartRowAsync(ct);
            if (receivedAt is null)
            {
                await copy.WriteAsync(i, NpgsqlDbType.Integer, ct);
            }

            await copy.WriteAsync(e.Account.Value, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(e.Product.Value, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(e.UsageType, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.Quantity, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(e.ExternalId, NpgsqlDbType.Varchar, ct);
            if (receivedAt is { } received)
            {
                await copy.WriteAsync(received, NpgsqlDbType.TimestampTz, ct);
            }
        }

        await copy.CompleteAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The path for a batch racing another with the same ids: binary COPY into a session-local staging table, then one
    /// INSERT … ON CONFLICT DO NOTHING that keeps the new events and returns their rollups.
    /// </summary>
    private static async Task<(int Accepted, Dictionary<RollupKey, long> Rollups)> InsertThroughStagingAsync(NpgsqlConnection npgsql, IReadOnlyList<ValidUsageEvent> events, DateTime now, CancellationToken ct)
    {
        await ExecuteAsync(npgsql, """
            CREATE TEMP TABLE IF NOT EXISTS usage_batch (
                "Seq" integer, "AccountId" uuid, "ProductId" uuid, "UsageTypeCode" varchar(50), "Quantity" bigint,
                "OccurredAt" timestamptz, "ExternalId" varchar(100)) ON COMMIT DELETE ROWS
            """, ct);
        await CopyAsync(npgsql, """COPY usage_batch ("Seq", "AccountId", "ProductId", "UsageTypeCode", "Quantity", "OccurredAt", "ExternalId") FROM STDIN (FORMAT BINARY)""",
            events, null, ct);

        await using var insert = npgsql.CreateCommand();
        // The first event of a repeated id wins, as on SQLite (rows are inserted in the batch's order).
        insert.CommandText = """
            WITH inserted AS (
                INSERT INTO "UsageEvents" ("AccountId", "ProductId", "UsageTypeCode", "Quantity", "OccurredAt", "ExternalId", "ReceivedAt")
                SELECT "AccountId", "ProductId", "UsageTypeCode", "Quantity", "OccurredAt", "ExternalId", @now FROM usage_batch ORDER BY "Seq"
                ON CONFLICT ("AccountId", "ExternalId") DO NOTHING
                RETURNING "AccountId", "ProductId", "UsageTypeCode", "Quantity", "OccurredAt")
            SELECT "AccountId", "ProductId", ("OccurredAt" AT TIME ZONE 'UTC')::date, "UsageTypeCode", SUM("Quantity")::bigint, COUNT(*)::integer
            FROM inserted GROUP BY 1, 2, 3, 4
            """;
        insert.Parameters.Add(new NpgsqlParameter<DateTime>("now", DateTime.SpecifyKind(now, DateTimeKind.Utc)) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var rollups = new Dictionary<RollupKey, long>();
        var accepted = 0;
        await using var reader = await insert.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = new RollupKey(new AccountId(reader.GetGuid(0)), new ProductId(reader.GetGuid(1)), reader.GetFieldValue<DateOnly>(2), reader.GetString(3));
            rollups[key] = reader.GetInt64(4);
            accepted += reader.GetInt32(5);
        }

        return (accepted, rollups);
    }

    public async Task UpsertRollupsAsync(DbConnection connection, IReadOnlyDictionary<RollupKey, long> rollups, CancellationToken ct)
    {
        if (rollups.Count == 0)
        {
            return;
        }

        var ordered = rollups.OrderBy(r => r.Key.Account.Value).ThenBy(r => r.Key.Product.Value).ThenBy(r => r.Key.Day)
            .ThenBy(r => r.Key.UsageType, StringComparer.Ordinal).ToList();
        await using var upsert = (NpgsqlCommand)connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO "UsageDailyTotals" ("AccountId", "ProductId", "Day", "UsageTypeCode", "Quantity")
            SELECT * FROM unnest(@accounts, @products, @days, @types, @quantities)
            ON CONFLICT ("AccountId", "ProductId", "Day", "UsageTypeCode") DO UPDATE SET "Quantity" = "UsageDailyTotals"."Quantity" + excluded."Quantity"
            """;
        upsert.Parameters.Add(new NpgsqlParameter<Guid[]>("accounts", ordered.Select(r => r.Key.Account.Value).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<Guid[]>("products", ordered.Select(r => r.Key.Product.Value).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<DateOnly[]>("days", ordered.Select(r => r.Key.Day).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter<string[]>("types", ordered.Select(r => r.Key.UsageType).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        upsert.Parameters.Add(new NpgsqlParameter<long[]>("quantities", ordered.Select(r => r.Value).ToArray()));
        await upsert.ExecuteNonQueryAsync(ct);
    }

    public async Task MarkLateUsageAsync(DbConnection connection, IReadOnlyCollection<LateUsage> markers, CancellationToken ct)
    {
        if (markers.Count == 0)
        {
            return;
        }

        await using var mark = (NpgsqlCommand)connection.CreateCommand();
        mark.CommandText = """
            INSERT INTO "LateUsageMarkers" ("AccountId", "ProductId", "Year", "Month")
            SELECT * FROM unnest(@accounts, @products, @years, @months) ORDER BY 1, 2, 3, 4
            ON CONFLICT DO NOTHING
            """;
        mark.Parameters.Add(new NpgsqlParameter<Guid[]>("accounts", markers.Select(m => m.Account.Value).ToArray()));
        mark.Parameters.Add(new NpgsqlParameter<Guid[]>("products", markers.Select(m => m.Product.Value).ToArray()));
        mark.Parameters.Add(new NpgsqlParameter<int[]>("years", markers.Select(m => m.Month.Year).ToArray()));
        mark.Parameters.Add(new NpgsqlParameter<int[]>("months", markers.Select(m => m.Month.Month).ToArray()));
        await mark.ExecuteNonQueryAsync(ct);
    }

    public async Task<AlertCheckData> LoadAlertCheckDataAsync(DbConnection connection, IReadOnlyCollection<AccountId> accounts, BillingMonth month, CancellationToken ct)
    {
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = """
            SELECT "AccountId", "ProductId", SUM("Quantity")::bigint FROM "UsageDailyTotals"
            WHERE "AccountId" = ANY(@accounts) AND "Day" >= @from AND "Day" < @until
            GROUP BY "AccountId", "ProductId";
            SELECT "AccountId", "ProductId", "IncludedVolume", "StartsOn", "EndsOn" FROM "Subscriptions"
            WHERE "AccountId" = ANY(@accounts) AND "StartsOn" < @until AND ("EndsOn" IS NULL OR "EndsOn" > @from);
            SELECT "AccountId", "ProductId", MAX("Threshold") FROM "UsageAlertSent"
            WHERE "AccountId" = ANY(@accounts) AND "Year" = @year AND "Month" = @month
            GROUP BY "AccountId", "ProductId";
            SELECT "AccountId", "ProductId", "Thresholds" FROM "UsageAlertSetting" WHERE "AccountId" = ANY(@accounts);
            """;
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("accounts", accounts.Select(a => a.Value).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", month.FirstDay));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("until", month.EndExclusive));
        command.Parameters.Add(new NpgsqlParameter<int>("year", month.Year));
        command.Parameters.Add(new NpgsqlParameter<int>("month", month.Month));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await AlertCheckReader.ReadAsync(reader, ReadDate, ct);
    }

    public Task RebuildRollupsAsync(MyAccountDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("""
            DELETE FROM "UsageDailyTotals";
            INSERT INTO "UsageDailyTotals" ("AccountId", "ProductId", "Day", "UsageTypeCode", "Quantity")
            SELECT "AccountId", "ProductId", ("OccurredAt" AT TIME ZONE 'UTC')::date, "UsageTypeCode", SUM("Quantity")
            FROM "UsageEvents"
            GROUP BY 1, 2, 3, 4;
            """, ct);

    private static DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);
}
