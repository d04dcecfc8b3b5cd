using System.Runtime.CompilerServices;
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
/// This is the hottest write path of the product (vendors send millions of events a day): the rules are here, the writing is
/// each provider's fastest (<see cref="IUsageStore"/>: SQLite's native prepared insert, PostgreSQL's binary COPY). Batches of
/// one process are queued in memory for SQLite's single writer instead of polling its busy timeout; PostgreSQL takes them in
/// parallel.
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

        var now = StoredTime.Of(clock.GetUtcNow().UtcDateTime);
        int accepted;
        var alertCandidates = new List<AccountId>();
        // SQLite has one writer: this process's batches queue here (the context, too, is made in turn: a shared in-memory
        // connection cannot be set up while another batch uses it). PostgreSQL writes batches in parallel.
        await _writer.WaitAsync(ct);
        var serialized = true;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!db.Database.IsSqlite())
            {
                serialized = false;
                _writer.Release();
            }

            await db.Database.OpenConnectionAsync(ct);
            var store = Stores.Usage(db);
            var connection = db.Database.GetDbConnection();
            Dictionary<RollupKey, long> rollups;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await store.EnterIngestionAsync(db, ct);
                var reference = await store.LoadReferenceAsync(connection, RequestedAccounts(events), ct);
                var valid = Validate(events, reference, now, readErrors ?? []);

                (accepted, rollups) = await store.InsertEventsAsync(connection, valid, now, ct);
                await store.UpsertRollupsAsync(connection, rollups, ct);
                await store.MarkLateUsageAsync(connection, LateUsage(rollups.Keys, reference), ct);
                await transaction.CommitAsync(ct);
            }

            // Alerts look at this month only: skip the work for batches of older usage. The pre-check runs after the commit (it
            // sees the batch's usage; its failure cannot undo stored usage) and picks the accounts that get the detailed check.
            var thisMonth = BillingMonth.Of(now);
            var touched = rollups.Keys.Where(k => BillingMonth.Of(k.Day) == thisMonth).Select(k => k.Account).Distinct().ToList();
            alertCandidates = touched;
            try
            {
                alertCandidates = touched.Count == 0 ? [] : Insights.UsageAlerts.Candidates(await store.LoadAlertCheckDataAsync(connection, touched, thisMonth, ct), thisMonth);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The detailed check looks at every touched account instead.
                logger.LogError(ex, "Usage alert candidates could not be found; checking every account of the batch.");
            }
        }
        finally
        {
            if (serialized)
            {
                _writer.Release();
            }
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
    private static List<ValidUsageEvent> Validate(IReadOnlyList<UsageEventInput> events, UsageReferenceData reference, DateTime now, IReadOnlyCollection<UsageEventError> readErrors)
    {
        var errors = new List<UsageEventError>(readErrors);
        var unreadable = readErrors.Select(e => (e.Index, e.Field)).ToHashSet();
        var unreadableEvents = readErrors.Select(e => e.Index).ToHashSet();
        var valid = new List<ValidUsageEvent>(events.Count);
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
            else if ((occurredAt = StoredTime.Of(at.UtcDateTime)) > now)
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
                valid.Add(new ValidUsageEvent(account!.Value, product!.Id, usageType!, (long)e.Quantity!.Value, occurredAt, e.Id!));
            }
        }

        return errors.Count == 0 ? valid : throw new UsageBatchRejectedException(errors.OrderBy(e => e.Index).ToList());
    }

    /// <summary>A code as sent, trimmed, when it could name something in the catalog (whose codes are ASCII).</summary>
    private static string? CatalogCode(string? code) => code?.Trim() is { } trimmed && System.Text.Ascii.IsValid(trimmed) ? trimmed : null;

    private static HashSet<Guid> RequestedAccounts(IReadOnlyList<UsageEventInput> events)
    {
        var requested = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (Guid.TryParse(e.AccountId, out var id))
            {
                requested.Add(id);
            }
        }

        return requested;
    }

    /// <summary>Usage for a month whose overage is already on an invoice is billed on the next invoice as late usage.</summary>
    private static List<LateUsage> LateUsage(IEnumerable<RollupKey> rollups, UsageReferenceData reference) =>
        rollups
            .Select(r => new LateUsage(r.Account, r.Product, BillingMonth.Of(r.Day)))
            .Distinct()
            .Where(r => reference.LatestInvoiced.TryGetValue(r.Account, out var invoiced) && invoiced.CompareTo(r.Month) > 0)
            .ToList();
}
