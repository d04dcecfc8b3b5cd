using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Insights;
using MyAccount.Domain.Usage;

namespace MyAccount.Domain.Persistence.Sqlite;

/// <summary>
/// SQLite's usage path: one round of reference queries, one prepared insert run per event on the native handle, rollups and
/// markers with prepared upserts. SQLite has one writer at a time (the transaction's write lock), so there is no lock to take.
/// </summary>
internal sealed class SqliteUsageStore : IUsageStore
{
    public static readonly SqliteUsageStore Instance = new();

    public Task EnterIngestionAsync(MyAccountDbContext db, CancellationToken ct) => Task.CompletedTask;

    public async Task<UsageReferenceData> LoadReferenceAsync(DbConnection connection, IReadOnlyCollection<Guid> accounts, CancellationToken ct)
    {
        await using var command = ((SqliteConnection)connection).CreateCommand();
        command.CommandText = """
            SELECT Id FROM Accounts WHERE Id IN (SELECT value FROM json_each($accounts));
            SELECT p.Id, p.Code, t.Code FROM Products p LEFT JOIN UsageTypes t ON t.ProductId = p.Id;
            SELECT AccountId, ProductId, StartsOn, EndsOn FROM Subscriptions WHERE AccountId IN (SELECT value FROM json_each($accounts));
            SELECT AccountId, MAX(Year * 12 + Month - 1) FROM Invoices WHERE AccountId IN (SELECT value FROM json_each($accounts)) GROUP BY AccountId;
            SELECT MAX(Year * 12 + Month - 1) FROM ClosedBillingPeriods;
            """;
        command.Parameters.AddWithValue("$accounts", SqliteFormats.GuidList(accounts));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await UsageReferenceData.ReadAsync(reader, ReadDate, ct);
    }

    public Task<(int Accepted, Dictionary<RollupKey, long> Rollups)> InsertEventsAsync(DbConnection connection, IReadOnlyList<ValidUsageEvent> events, DateTime now, CancellationToken ct) =>
        Task.FromResult(InsertEvents((SqliteConnection)connection, events, now));

    public Task UpsertRollupsAsync(DbConnection connection, IReadOnlyDictionary<RollupKey, long> rollups, CancellationToken ct)
    {
        UpsertRollups((SqliteConnection)connection, rollups);
        return Task.CompletedTask;
    }

    public Task MarkLateUsageAsync(DbConnection connection, IReadOnlyCollection<LateUsage> markers, CancellationToken ct)
    {
        if (markers.Count > 0)
        {
            using var mark = new SqliteBatchStatement((SqliteConnection)connection, "INSERT OR IGNORE INTO LateUsageMarkers (AccountId, ProductId, Year, Month) VALUES (?1, ?2, ?3, ?4)");
            foreach (var marker in markers)
            {
                mark.Bind(1, SqliteFormats.Guid(marker.Account.Value));
                mark.Bind(2, SqliteFormats.Guid(marker.Product.Value));
                mark.Bind(3, marker.Month.Year);
                mark.Bind(4, marker.Month.Month);
                mark.Execute();
            }
        }

        return Task.CompletedTask;
    }

    public async Task<AlertCheckData> LoadAlertCheckDataAsync(DbConnection connection, IReadOnlyCollection<AccountId> accounts, BillingMonth month, CancellationToken ct)
    {
        await using var command = ((SqliteConnection)connection).CreateCommand();
        command.CommandText = """
            SELECT AccountId, ProductId, SUM(Quantity) FROM UsageDailyTotals
            WHERE AccountId IN (SELECT value FROM json_each($accounts)) AND Day >= $from AND Day < $until
            GROUP BY AccountId, ProductId;
            SELECT AccountId, ProductId, IncludedVolume, StartsOn, EndsOn FROM Subscriptions
            WHERE AccountId IN (SELECT value FROM json_each($accounts)) AND StartsOn < $until AND (EndsOn IS NULL OR EndsOn > $from);
            SELECT AccountId, ProductId, MAX(Threshold) FROM UsageAlertSent
            WHERE AccountId IN (SELECT value FROM json_each($accounts)) AND Year = $year AND Month = $month
            GROUP BY AccountId, ProductId;
            SELECT AccountId, ProductId, Thresholds FROM UsageAlertSetting WHERE AccountId IN (SELECT value FROM json_each($accounts));
            """;
        command.Parameters.AddWithValue("$accounts", SqliteFormats.GuidList(accounts.Select(a => a.Value)));
        command.Parameters.AddWithValue("$from", SqliteFormats.Date(month.FirstDay));
        command.Parameters.AddWithValue("$until", SqliteFormats.Date(month.EndExclusive));
        command.Parameters.AddWithValue("$year", month.Year);
        command.Parameters.AddWithValue("$month", month.Month);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await AlertCheckReader.ReadAsync(reader, ReadDate, ct);
    }

    public Task RebuildRollupsAsync(MyAccountDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("""
            DELETE FROM UsageDailyTotals;
            INSERT INTO UsageDailyTotals (AccountId, ProductId, Day, UsageTypeCode, Quantity)
            SELECT AccountId, ProductId, substr(OccurredAt, 1, 10), UsageTypeCode, SUM(Quantity)
            FROM UsageEvents
            GROUP BY AccountId, ProductId, substr(OccurredAt, 1, 10), UsageTypeCode;
            """, ct);

    private static DateOnly ReadDate(DbDataReader reader, int ordinal) => SqliteFormats.ParseDate(reader.GetString(ordinal));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Accepted, Dictionary<RollupKey, long> Rollups) InsertEvents(SqliteConnection connection, IReadOnlyList<ValidUsageEvent> events, DateTime now)
    {
        using var insert = new SqliteBatchStatement(connection, """
            INSERT INTO UsageEvents (AccountId, ProductId, UsageTypeCode, Quantity, OccurredAt, ExternalId, ReceivedAt)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (AccountId, ExternalId) DO NOTHING
            """);
        insert.Bind(7, SqliteFormats.DateTime(now));

        var accepted = 0;
        var rollups = new Dictionary<RollupKey, long>();
        // A batch names few accounts, products and usage types: encode each once, and bind a value again only when it
        // differs from the previous event's (SQLite keeps bindings from one run of the statement to the next).
        var accounts = new Dictionary<AccountId, byte[]>();
        var products = new Dictionary<ProductId, byte[]>();
        var types = new Dictionary<string, byte[]>();
        byte[]? account = null, product = null, type = null;
        Span<byte> time = stackalloc byte[SqliteFormats.DateTimeLength];
        foreach (var e in events)
        {
            if (!accounts.TryGetValue(e.Account, out var nextAccount))
            {
                accounts[e.Account] = nextAccount = Encoding.UTF8.GetBytes(SqliteFormats.Guid(e.Account.Value));
            }

            if (!products.TryGetValue(e.Product, out var nextProduct))
            {
                products[e.Product] = nextProduct = Encoding.UTF8.GetBytes(SqliteFormats.Guid(e.Product.Value));
            }

            if (!types.TryGetValue(e.UsageType, out var nextType))
            {
                types[e.UsageType] = nextType = Encoding.UTF8.GetBytes(e.UsageType);
            }

            if (!ReferenceEquals(account, nextAccount))
            {
                insert.Bind(1, account = nextAccount);
            }

            if (!ReferenceEquals(product, nextProduct))
            {
                insert.Bind(2, product = nextProduct);
            }

            if (!ReferenceEquals(type, nextType))
            {
                insert.Bind(3, type = nextType);
            }

            insert.Bind(4, e.Quantity);
            insert.Bind(5, SqliteFormats.DateTime(e.OccurredAt, time));
            insert.Bind(6, e.ExternalId);
            if (insert.Execute() == 1)
            {
                accepted++;
                var key = new RollupKey(e.Account, e.Product, DateOnly.FromDateTime(e.OccurredAt), e.UsageType);
                rollups[key] = rollups.GetValueOrDefault(key) + e.Quantity;
            }
        }

        return (accepted, rollups);
    }

    private static void UpsertRollups(SqliteConnection connection, IReadOnlyDictionary<RollupKey, long> rollups)
    {
        if (rollups.Count == 0)
        {
            return;
        }

        using var upsert = new SqliteBatchStatement(connection, """
            INSERT INTO UsageDailyTotals (AccountId, ProductId, Day, UsageTypeCode, Quantity)
            VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (AccountId, ProductId, Day, UsageTypeCode) DO UPDATE SET Quantity = Quantity + excluded.Quantity
            """);
        foreach (var (key, total) in rollups)
        {
            upsert.Bind(1, SqliteFormats.Guid(key.Account.Value));
            upsert.Bind(2, SqliteFormats.Guid(key.Product.Value));
            upsert.Bind(3, SqliteFormats.Date(key.Day));
            upsert.Bind(4, key.UsageType);
            upsert.Bind(5, total);
            upsert.Execute();
        }
    }
}
