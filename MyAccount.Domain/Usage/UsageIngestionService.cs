using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Usage;

/// <summary>
/// Takes batches of usage events: validates all of them, then stores them in one transaction — the raw events (the id
/// is the idempotency key per account), the daily rollups, and a late-usage marker for months already invoiced.
/// A batch with any invalid event is refused whole.
/// </summary>
/// <remarks>
/// This is the hottest write path of the product (vendors send millions of events a day), so it talks to SQLite directly:
/// one round of reference queries, one prepared insert run per event on the native handle, and batches of one process
/// queued in memory for the single SQLite writer instead of polling its busy timeout.
/// </remarks>
public sealed class UsageIngestionService(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock, Insights.UsageAlerts alerts,
    ILogger<UsageIngestionService> logger) : IDisposable
{
    public const int MaxBatchSize = 10_000;
    public const long MaxQuantity = 1_000_000_000_000;

    /// <summary>SQLite has one writer at a time: batches of this process wait their turn here, so the next batch is read and
    /// parsed while this one is written. Other processes still meet at SQLite's busy timeout.</summary>
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <param name="readErrors">Errors the caller found while reading the events (wrong JSON types, unknown fields): reported together
    /// with the domain's own, so the sender sees every problem of the batch at once.</param>
    public async Task<UsageIngestResult> IngestAsync(Actor actor, IReadOnlyList<UsageEventInput> events, CancellationToken ct = default,
        IReadOnlyCollection<UsageEventError>? readErrors = null)
    {
        AccessGuard.EnsureOperator(actor);
        if (events.Count > MaxBatchSize)
        {
            throw new UsageBatchTooLargeException(events.Count);
        }

        if (events.Count == 0)
        {
            throw new DomainValidationException("events", "A batch needs at least one event.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        int accepted;
        List<AccountId> alertCandidates;
        await _writer.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var reference = await UsageReferenceData.LoadAsync(connection, events, ct);
            var valid = Validate(events, reference, now, readErrors ?? []);

            (accepted, var rollups) = InsertEvents(connection, valid, now);
            UpsertRollups(connection, rollups);
            MarkLateUsage(connection, rollups.Keys, reference);

            // Alerts look at this month only: skip the work for batches of older usage.
            var thisMonth = BillingMonth.Of(now);
            var touched = rollups.Keys.Where(k => BillingMonth.Of(k.Day) == thisMonth).Select(k => k.Account).Distinct().ToList();
            alertCandidates = touched;
            try
            {
                alertCandidates = touched.Count == 0 ? [] : await Insights.UsageAlerts.CandidatesAsync(connection, touched, thisMonth, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The usage is stored regardless: the detailed check after commit looks at every touched account instead.
                logger.LogError(ex, "Usage alert candidates could not be found; checking every account of the batch.");
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            _writer.Release();
        }

        if (alertCandidates.Count > 0)
        {
            await alerts.NotifyCandidatesAsync(alertCandidates, ct);
        }

        return new UsageIngestResult(accepted, events.Count - accepted);
    }

    public void Dispose() => _writer.Dispose();

    // Hot loops run once per batch: compiled fully optimised at once rather than waiting for tiered compilation to notice them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<ValidEvent> Validate(IReadOnlyList<UsageEventInput> events, UsageReferenceData reference, DateTime now, IReadOnlyCollection<UsageEventError> readErrors)
    {
        var errors = new List<UsageEventError>(readErrors);
        var unreadable = readErrors.Select(e => (e.Index, e.Field)).ToHashSet();
        var unreadableEvents = readErrors.Select(e => e.Index).ToHashSet();
        var valid = new List<ValidEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var before = errors.Count;
            var e = events[i];
            var readFailed = unreadableEvents.Contains(i);
            void Fail(string field, string message)
            {
                if (!unreadable.Contains((i, field)))
                {
                    errors.Add(new UsageEventError(i, field, message));
                }
            }

            if (string.IsNullOrWhiteSpace(e.Id) || e.Id.Length > 100)
            {
                Fail("id", "An id of 1–100 characters is required.");
            }

            AccountId? account = null;
            if (!Guid.TryParse(e.AccountId, out var accountGuid))
            {
                Fail("accountId", "An account id is required.");
            }
            else if (!reference.Accounts.Contains(new AccountId(accountGuid)))
            {
                Fail("accountId", $"Unknown account '{e.AccountId}'.");
            }
            else
            {
                account = new AccountId(accountGuid);
            }

            // Codes (ASCII) match ignoring case and surrounding spaces; the catalog's own spelling is stored.
            var product = CatalogCode(e.ProductCode) is { } productCode ? reference.Products.GetValueOrDefault(productCode) : null;
            string? usageType = null;
            if (product is null)
            {
                Fail("productCode", e.ProductCode is null ? "A product code is required." : $"Unknown product '{e.ProductCode}'.");
            }
            else if (e.UsageType is null || CatalogCode(e.UsageType) is not { } typeCode || !product.UsageTypes.TryGetValue(typeCode, out usageType))
            {
                Fail("usageType", e.UsageType is null ? "A usage type is required." : $"Product '{product.Code}' has no usage type '{e.UsageType}'.");
            }

            if (e.Quantity is not { } quantity || quantity <= 0 || quantity != decimal.Truncate(quantity) || quantity > MaxQuantity)
            {
                Fail("quantity", $"The quantity must be a whole number from 1 to {MaxQuantity:N0}.");
            }

            DateTime occurredAt = default;
            if (e.OccurredAt is not { } at)
            {
                Fail("occurredAt", "An ISO 8601 timestamp is required.");
            }
            else if ((occurredAt = at.UtcDateTime) > now)
            {
                Fail("occurredAt", "The timestamp is in the future.");
            }

            if (errors.Count == before && !readFailed && account is { } a && product is not null
                && !reference.HasActiveSubscription(a, product.Id, DateOnly.FromDateTime(occurredAt)))
            {
                Fail("occurredAt", $"The account has no active '{product.Code}' subscription on {occurredAt:yyyy-MM-dd}.");
            }

            if (errors.Count == before && !readFailed)
            {
                valid.Add(new ValidEvent(account!.Value, product!.Id, usageType!, (long)e.Quantity!.Value, occurredAt, e.Id!));
            }
        }

        return errors.Count == 0 ? valid : throw new UsageBatchRejectedException(errors.OrderBy(e => e.Index).ToList());
    }

    /// <summary>A code as sent, trimmed, when it could name something in the catalog (whose codes are ASCII).</summary>
    private static string? CatalogCode(string? code) => code?.Trim() is { } trimmed && System.Text.Ascii.IsValid(trimmed) ? trimmed : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Accepted, Dictionary<RollupKey, long> Rollups) InsertEvents(SqliteConnection connection, List<ValidEvent> events, DateTime now)
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

    private static void UpsertRollups(SqliteConnection connection, Dictionary<RollupKey, long> rollups)
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

    /// <summary>Usage for a month whose overage is already on an invoice is billed on the next invoice as late usage.</summary>
    private static void MarkLateUsage(SqliteConnection connection, IEnumerable<RollupKey> rollups, UsageReferenceData reference)
    {
        var late = rollups
            .Select(r => (r.Account, r.Product, Month: BillingMonth.Of(r.Day)))
            .Distinct()
            .Where(r => reference.LatestInvoiced.TryGetValue(r.Account, out var invoiced) && invoiced.CompareTo(r.Month) > 0)
            .ToList();
        if (late.Count == 0)
        {
            return;
        }

        using var mark = new SqliteBatchStatement(connection, "INSERT OR IGNORE INTO LateUsageMarkers (AccountId, ProductId, Year, Month) VALUES (?1, ?2, ?3, ?4)");
        foreach (var marker in late)
        {
            mark.Bind(1, SqliteFormats.Guid(marker.Account.Value));
            mark.Bind(2, SqliteFormats.Guid(marker.Product.Value));
            mark.Bind(3, marker.Month.Year);
            mark.Bind(4, marker.Month.Month);
            mark.Execute();
        }
    }

    private readonly record struct ValidEvent(AccountId Account, ProductId Product, string UsageType, long Quantity, DateTime OccurredAt, string ExternalId);

    private readonly record struct RollupKey(AccountId Account, ProductId Product, DateOnly Day, string UsageType);
}
