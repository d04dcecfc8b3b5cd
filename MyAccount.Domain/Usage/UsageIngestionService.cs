using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
public sealed class UsageIngestionService(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock, Insights.UsageAlerts alerts)
{
    public const int MaxBatchSize = 10_000;
    public const long MaxQuantity = 1_000_000_000_000;

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
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reference = await UsageReferenceData.LoadAsync(db, events, ct);
        var valid = Validate(events, reference, now, readErrors ?? []);

        var (accepted, rollups) = await InsertEventsAsync(db, valid, now, ct);
        await UpsertRollupsAsync(db, rollups, ct);
        await MarkLateUsageAsync(db, rollups.Keys, reference, ct);
        await transaction.CommitAsync(ct);

        // Alerts look at this month only: skip the work for batches of older usage.
        var thisMonth = BillingMonth.Of(now);
        var touched = rollups.Keys.Where(k => BillingMonth.Of(k.Day) == thisMonth).Select(k => k.Account).Distinct().ToList();
        if (touched.Count > 0)
        {
            await alerts.CheckAsync(touched, ct);
        }

        return new UsageIngestResult(accepted, events.Count - accepted);
    }

    private static List<ValidEvent> Validate(IReadOnlyList<UsageEventInput> events, UsageReferenceData reference, DateTime now, IReadOnlyCollection<UsageEventError> readErrors)
    {
        var errors = new List<UsageEventError>(readErrors);
        var unreadable = readErrors.Select(e => (e.Index, e.Field)).ToHashSet();
        var valid = new List<ValidEvent>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var before = errors.Count;
            var e = events[i];
            var readFailed = unreadable.Any(u => u.Index == i);
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

            var product = e.ProductCode is null ? null : reference.Products.GetValueOrDefault(e.ProductCode.Trim().ToLowerInvariant());
            if (product is null)
            {
                Fail("productCode", e.ProductCode is null ? "A product code is required." : $"Unknown product '{e.ProductCode}'.");
            }
            else if (e.UsageType is null || !product.UsageTypes.Contains(e.UsageType.Trim().ToLowerInvariant()))
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
                valid.Add(new ValidEvent(account!.Value, product!.Id, e.UsageType!.Trim().ToLowerInvariant(), (long)e.Quantity!.Value, occurredAt, e.Id!));
            }
        }

        return errors.Count == 0 ? valid : throw new UsageBatchRejectedException(errors.OrderBy(e => e.Index).ToList());
    }

    private static async Task<(int Accepted, Dictionary<RollupKey, long> Rollups)> InsertEventsAsync(MyAccountDbContext db, List<ValidEvent> events, DateTime now, CancellationToken ct)
    {
        await using var command = CreateCommand(db, """
            INSERT INTO UsageEvents (AccountId, ProductId, UsageTypeCode, Quantity, OccurredAt, ExternalId, ReceivedAt)
            VALUES ($account, $product, $type, $quantity, $occurredAt, $externalId, $receivedAt)
            ON CONFLICT (AccountId, ExternalId) DO NOTHING
            """);
        var account = Parameter(command, "$account");
        var product = Parameter(command, "$product");
        var type = Parameter(command, "$type");
        var quantity = Parameter(command, "$quantity");
        var occurredAt = Parameter(command, "$occurredAt");
        var externalId = Parameter(command, "$externalId");
        Parameter(command, "$receivedAt").Value = SqliteFormats.DateTime(now);
        await command.PrepareAsync(ct);

        var accepted = 0;
        var rollups = new Dictionary<RollupKey, long>();
        // A batch names few accounts and products: format each id once.
        var ids = new Dictionary<Guid, string>();
        string Text(Guid id) => ids.TryGetValue(id, out var text) ? text : ids[id] = SqliteFormats.Guid(id);
        foreach (var e in events)
        {
            account.Value = Text(e.Account.Value);
            product.Value = Text(e.Product.Value);
            type.Value = e.UsageType;
            quantity.Value = e.Quantity;
            occurredAt.Value = SqliteFormats.DateTime(e.OccurredAt);
            externalId.Value = e.ExternalId;
            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                accepted++;
                var key = new RollupKey(e.Account, e.Product, DateOnly.FromDateTime(e.OccurredAt), e.UsageType);
                rollups[key] = rollups.GetValueOrDefault(key) + e.Quantity;
            }
        }

        return (accepted, rollups);
    }

    private static async Task UpsertRollupsAsync(MyAccountDbContext db, Dictionary<RollupKey, long> rollups, CancellationToken ct)
    {
        if (rollups.Count == 0)
        {
            return;
        }

        await using var command = CreateCommand(db, """
            INSERT INTO UsageDailyTotals (AccountId, ProductId, Day, UsageTypeCode, Quantity)
            VALUES ($account, $product, $day, $type, $quantity)
            ON CONFLICT (AccountId, ProductId, Day, UsageTypeCode) DO UPDATE SET Quantity = Quantity + excluded.Quantity
            """);
        var account = Parameter(command, "$account");
        var product = Parameter(command, "$product");
        var day = Parameter(command, "$day");
        var type = Parameter(command, "$type");
        var quantity = Parameter(command, "$quantity");
        await command.PrepareAsync(ct);
        foreach (var (key, total) in rollups)
        {
            account.Value = SqliteFormats.Guid(key.Account.Value);
            product.Value = SqliteFormats.Guid(key.Product.Value);
            day.Value = SqliteFormats.Date(key.Day);
            type.Value = key.UsageType;
            quantity.Value = total;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Usage for a month whose overage is already on an invoice is billed on the next invoice as late usage.</summary>
    private static async Task MarkLateUsageAsync(MyAccountDbContext db, IEnumerable<RollupKey> rollups, UsageReferenceData reference, CancellationToken ct)
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

        await using var command = CreateCommand(db, "INSERT OR IGNORE INTO LateUsageMarkers (AccountId, ProductId, Year, Month) VALUES ($account, $product, $year, $month)");
        var account = Parameter(command, "$account");
        var product = Parameter(command, "$product");
        var year = Parameter(command, "$year");
        var month = Parameter(command, "$month");
        foreach (var marker in late)
        {
            account.Value = SqliteFormats.Guid(marker.Account.Value);
            product.Value = SqliteFormats.Guid(marker.Product.Value);
            year.Value = marker.Month.Year;
            month.Value = marker.Month.Month;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbCommand CreateCommand(MyAccountDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private readonly record struct ValidEvent(AccountId Account, ProductId Product, string UsageType, long Quantity, DateTime OccurredAt, string ExternalId);

    private readonly record struct RollupKey(AccountId Account, ProductId Product, DateOnly Day, string UsageType);
}
