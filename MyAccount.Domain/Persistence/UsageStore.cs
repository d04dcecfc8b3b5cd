using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence.PostgreSql;
using MyAccount.Domain.Persistence.Sqlite;
using MyAccount.Domain.Usage;

namespace MyAccount.Domain.Persistence;

/// <summary>A usage event that passed validation, as the stores write it.</summary>
internal readonly record struct ValidUsageEvent(AccountId Account, ProductId Product, string UsageType, long Quantity, DateTime OccurredAt, string ExternalId);

/// <summary>One daily rollup row: an account's usage of one product's usage type on one UTC day.</summary>
internal readonly record struct RollupKey(AccountId Account, ProductId Product, DateOnly Day, string UsageType);

/// <summary>A month of a product already on an invoice that received usage: the next invoice bills it as late usage.</summary>
internal readonly record struct LateUsage(AccountId Account, ProductId Product, BillingMonth Month);

/// <summary>What the usage-alert pre-check reads for a batch's accounts: this month's usage, subscriptions, announced thresholds, settings.</summary>
internal sealed record AlertCheckData(
    Dictionary<(AccountId, ProductId), long> Used,
    List<(AccountId Account, ProductId Product, long IncludedVolume, DateOnly StartsOn, DateOnly? EndsOn)> Subscriptions,
    Dictionary<(AccountId, ProductId), int> Announced,
    Dictionary<(AccountId, ProductId), string> Settings);

/// <summary>
/// The persistence boundary of the hot usage path: each provider's fastest way to store a batch (SQLite: a prepared native
/// insert; PostgreSQL: binary COPY into a staging table and one set-based insert), behind one port. Every method runs on the
/// connection and in the transaction the caller opened, so validation and writes see the same data. The domain's rules —
/// validation, proration, rounding, which months are late — stay in the domain; the stores only read and write rows.
/// </summary>
internal interface IUsageStore
{
    /// <summary>Takes the provider's lock for ingesting (shared among ingesting batches, exclusive with a billing chunk).</summary>
    Task EnterIngestionAsync(MyAccountDbContext db, CancellationToken ct);

    /// <summary>The batch's accounts, the catalog, those accounts' subscriptions and their latest invoiced month.</summary>
    Task<UsageReferenceData> LoadReferenceAsync(DbConnection connection, IReadOnlyCollection<Guid> accounts, CancellationToken ct);

    /// <summary>Inserts the events (a repeated id per account is skipped) and returns how many were new, with their rollups.</summary>
    Task<(int Accepted, Dictionary<RollupKey, long> Rollups)> InsertEventsAsync(DbConnection connection, IReadOnlyList<ValidUsageEvent> events, DateTime now, CancellationToken ct);

    /// <summary>Adds the quantities to the daily rollups.</summary>
    Task UpsertRollupsAsync(DbConnection connection, IReadOnlyDictionary<RollupKey, long> rollups, CancellationToken ct);

    Task MarkLateUsageAsync(DbConnection connection, IReadOnlyCollection<LateUsage> markers, CancellationToken ct);

    Task<AlertCheckData> LoadAlertCheckDataAsync(DbConnection connection, IReadOnlyCollection<AccountId> accounts, BillingMonth month, CancellationToken ct);

    /// <summary>Rebuilds every daily rollup from the raw events (after a bulk load such as the demo data).</summary>
    Task RebuildRollupsAsync(MyAccountDbContext db, CancellationToken ct);
}

/// <summary>The provider-specific pieces of persistence, chosen by the context's provider.</summary>
internal static class Stores
{
    public static IUsageStore Usage(MyAccountDbContext db) => db.Database.IsNpgsql() ? PostgreSqlUsageStore.Instance : SqliteUsageStore.Instance;

    /// <summary>A unique index or primary key refused the write (SQLite constraint error 19, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } => true,
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    /// <summary>
    /// Makes a billing chunk the only writer of usage and invoices while it reads and posts: on SQLite the transaction's write
    /// lock does this; on PostgreSQL an advisory lock that ingesting batches share. Usage ingested meanwhile is either in the
    /// invoice or waits and is then marked as late usage — never lost between the two.
    /// </summary>
    public static async Task EnterBillingAsync(MyAccountDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgreSqlUsageStore.UsageAndBillingLock})", ct);
        }
    }
}
