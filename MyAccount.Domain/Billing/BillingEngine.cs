using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Persistence.PostgreSql;

namespace MyAccount.Domain.Billing;

/// <summary>
/// Runs billing for a month: makes and posts one invoice per account and period. A run for every account first closes the
/// period (<see cref="ClosedBillingPeriod"/>: usage for earlier months arriving from then on is late usage), then reads the
/// closing month's inputs for all accounts in a few set-based queries, and posts in chunks; each chunk reads the late usage
/// and posts its invoices in one write transaction, so a crash leaves whole invoices or none, and a rerun skips the
/// accounts already billed. The unique (account, year, month) index makes two runs at
/// once — two processes, or the API beside the scheduler — still post exactly one invoice per account and period.
/// </summary>
public sealed class BillingEngine(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock, ILogger<BillingEngine> logger, IAccountEventPublisher events,
    Tax.TaxSettings? taxSettings = null, Tax.VendorDetails? vendor = null)
{
    /// <summary>Accounts per write transaction: large enough to amortise the transaction, small enough to keep ingestion waiting briefly.</summary>
    public const int DefaultChunkSize = 500;

    private readonly Tax.TaxSettings _tax = taxSettings ?? new Tax.TaxSettings();
    private readonly Tax.VendorDetails _vendor = vendor ?? new Tax.VendorDetails();

    internal int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>Accounts whose closing-month inputs a full run reads in one go (a run with fewer reads them without a filter).</summary>
    internal int SnapshotSize { get; set; } = 20_000;

    /// <summary>For tests of ingestion racing a run: called once the period is closed, before anything is read.</summary>
    internal Func<Task>? AfterPeriodClosed { get; set; }

    /// <summary>For tests of ingestion racing a run: called after the snapshot is read, before its chunks are billed.</summary>
    internal Func<Task>? AfterSnapshotRead { get; set; }

    /// <summary>For tests of crash recovery: called after each committed chunk.</summary>
    internal Action<int>? AfterChunkCommitted { get; set; }

    /// <summary>
    /// The earliest period some account still needs billed — the month after its last invoice, or the month of its first
    /// subscription when it has none — or null when no account has a subscription. The scheduler bills from there, in order.
    /// </summary>
    public async Task<BillingMonth?> EarliestDuePeriodAsync(Actor actor, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reader = new BillingDataReader(db);
        var billed = await reader.LatestInvoicedPeriodsAsync(null, ct);
        BillingMonth? earliest = null;
        foreach (var (account, firstStart) in await reader.FirstSubscriptionStartsAsync(ct))
        {
            var next = billed.TryGetValue(account, out var last) ? last.Next : BillingMonth.Of(firstStart);
            if (earliest is null || next.CompareTo(earliest.Value) < 0)
            {
                earliest = next;
            }
        }

        return earliest;
    }

    public async Task<BillingRunResult> RunAsync(Actor actor, BillingMonth period, AccountId? accountId = null, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        var current = BillingMonth.Of(clock.GetUtcNow().UtcDateTime);
        if (period.CompareTo(current) > 0)
        {
            throw new DomainValidationException("period", $"{period} has not begun yet: the invoice for a month is issued on its first day.");
        }

        var posted = new List<PostedInvoice>();
        var failed = new List<BillingFailure>();
        var skipped = 0;
        var chunkIndex = 0;
        if (accountId is { } single)
        {
            await EnsureNextPeriodAsync(single, period, ct);
            // One account: read and posted in one transaction under the billing lock, the period left open for the others.
            var (chunkPosted, chunkSkipped) = await BillChunkWithRetryAsync(period, [single], null, failed, ct);
            posted.AddRange(chunkPosted);
            skipped += chunkSkipped;
        }
        else
        {
            await ClosePeriodAsync(period, ct);
            if (AfterPeriodClosed is { } afterClosed)
            {
                await afterClosed();
            }

            List<AccountId> accounts;
            Dictionary<AccountId, BillingMonth> latest;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.CreatedAt).Select(a => a.Id).ToListAsync(ct);
                latest = await new BillingDataReader(db).LatestInvoicedPeriodsAsync(null, ct);
            }

            // Accounts already billed for the period (or behind it) are left out before anything is read for them; each chunk checks
            // again under the lock, for runs racing this one.
            var due = accounts.Where(a => !latest.TryGetValue(a, out var last) || last.Next == period).ToList();
            skipped += accounts.Count - due.Count;
            foreach (var batch in due.Chunk(SnapshotSize))
            {
                BillingSnapshot snapshot;
                var read = System.Diagnostics.Stopwatch.StartNew();
                await using (var db = await dbFactory.CreateDbContextAsync(ct))
                {
                    // The period is closed: the closing month's usage read now is final for this run (what arrives later is late usage).
                    snapshot = await new BillingDataReader(db).ReadSnapshotAsync(period, batch.Length == due.Count ? null : batch, latest, ct);
                }

                logger.LogDebug("Billing {Period}: read the closing month's inputs of {Accounts} account(s) in {Read} ms.", period, batch.Length, read.ElapsedMilliseconds);
                if (AfterSnapshotRead is { } afterRead)
                {
                    await afterRead();
                }

                foreach (var chunk in batch.Chunk(ChunkSize))
                {
                    var (chunkPosted, chunkSkipped) = await BillChunkWithRetryAsync(period, chunk, snapshot, failed, ct);
                    posted.AddRange(chunkPosted);
                    skipped += chunkSkipped;
                    AfterChunkCommitted?.Invoke(chunkIndex++);
                }
            }
        }

        if (posted.Count > 0 || failed.Count > 0)
        {
            logger.LogInformation("Billing {Period}: {Posted} invoice(s) posted, {Skipped} account(s) skipped, {Failed} failed.", period, posted.Count, skipped, failed.Count);
        }

        return new BillingRunResult(period, posted.Count, skipped, posted, failed);
    }

    private async Task EnsureNextPeriodAsync(AccountId account, BillingMonth period, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Accounts.AnyAsync(a => a.Id == account, ct))
        {
            throw new NotFoundException("There is no such account.");
        }

        var latest = await db.Invoices.Where(i => i.AccountId == account)
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Month)
            .Select(i => new { i.Year, i.Month }).FirstOrDefaultAsync(ct);
        if (latest is not null && new BillingMonth(latest.Year, latest.Month).CompareTo(period) > 0)
        {
            throw new ConcurrencyConflictException($"The account is already billed for {latest.Year:D4}-{latest.Month:D2}; periods are billed in order.");
        }

        if (latest is not null && new BillingMonth(latest.Year, latest.Month).Next.CompareTo(period) < 0)
        {
            throw new ConcurrencyConflictException(
                $"The account is billed up to {latest.Year:D4}-{latest.Month:D2}: bill {new BillingMonth(latest.Year, latest.Month).Next} first; periods are billed in order.");
        }
    }

    /// <summary>
    /// Records that the period's run has begun (<see cref="ClosedBillingPeriod"/>), under the billing lock: ingesting batches in
    /// flight commit first and are read by the run; every later batch sees the period closed and marks its usage for earlier
    /// months as late usage. Idempotent: a rerun or a second process finds it closed.
    /// </summary>
    private async Task ClosePeriodAsync(BillingMonth period, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await Stores.EnterBillingAsync(db, ct);
        if (!await db.ClosedBillingPeriods.AnyAsync(p => p.Year == period.Year && p.Month == period.Month, ct))
        {
            // Under the lock no other run can close it meanwhile.
            db.ClosedBillingPeriods.Add(new ClosedBillingPeriod(period, StoredTime.Of(clock.GetUtcNow().UtcDateTime)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    private async Task<(List<PostedInvoice>, int)> BillChunkWithRetryAsync(BillingMonth period, AccountId[] chunk, BillingSnapshot? snapshot, List<BillingFailure> failed, CancellationToken ct)
    {
        var failedBefore = failed.Count;
        try
        {
            return await BillChunkAsync(period, chunk, snapshot, failed, ct);
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another run posted some of these invoices between our read and our write: the unique index refused the
            // duplicates and nothing of this chunk was kept. Read again; the accounts it billed are skipped now.
            logger.LogWarning(ex, "Billing {Period}: a concurrent run posted invoices for this chunk; retrying it.", period);
            failed.RemoveRange(failedBefore, failed.Count - failedBefore);
            return await BillChunkAsync(period, chunk, null, failed, ct);
        }
    }

    /// <summary>
    /// Bills a chunk in one transaction under the billing lock. With a <paramref name="snapshot"/> (a closed period) only the late
    /// usage is read here; without one (one account, or a retry) everything is.
    /// </summary>
    private async Task<(List<PostedInvoice>, int)> BillChunkAsync(BillingMonth period, AccountId[] chunk, BillingSnapshot? snapshot, List<BillingFailure> failed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // On SQLite this is BEGIN IMMEDIATE, on PostgreSQL an advisory lock ingestion shares: the chunk is the only writer of
        // usage while it is read and posted, so usage ingested meanwhile is either in this invoice or waits and is then marked
        // as late usage.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await Stores.EnterBillingAsync(db, ct);
        var reader = new BillingDataReader(db);

        var latest = await reader.LatestInvoicedPeriodsAsync(chunk, ct);
        // Billed in order: an account already invoiced is billed for the month after its last invoice only, so a run for a
        // later month never skips one (the scheduler catches up month by month). A new account starts at any month.
        var eligible = chunk.Where(a => !latest.TryGetValue(a, out var last) || last.Next == period).ToList();
        var skipped = chunk.Length - eligible.Count;
        if (eligible.Count == 0)
        {
            return ([], skipped);
        }

        var phase = System.Diagnostics.Stopwatch.StartNew();
        var inputs = snapshot is null ? await reader.ReadInputsAsync(period, eligible, ct, latest) : await reader.CompleteInputsAsync(snapshot, eligible, ct, latest);
        var readTime = phase.Elapsed;
        var now = clock.GetUtcNow().UtcDateTime;
        var sequence = await db.InvoiceNumberSequences.SingleAsync(s => s.Id == InvoiceNumberSequence.SingletonId, ct);
        var next = sequence.LastNumber;
        var invoices = new List<Invoice>();
        foreach (var (account, input) in inputs)
        {
            // One account's invoice that cannot be computed (an amount beyond what can be billed) must not stop the others: it
            // is reported and left unbilled — no partial invoice, no number used — and a later run bills it once it is fixed.
            Invoice invoice;
            try
            {
                var buyer = input.BillingDetails;
                var tax = Tax.TaxTreatment.Decide(_tax, _vendor, buyer?.CountryCode, buyer?.VatId);
                var lines = InvoiceCalculator.Calculate(input with { Tax = tax });
                if (lines.Count == 0)
                {
                    skipped++;
                    continue;
                }

                invoice = new Invoice(account, period, next + 1, input.Currency.Code, lines, now, tax)
                    .AddressedTo(buyer, tax is null ? null : _vendor.VatId, _vendor.CountryCode);
            }
            catch (Exception ex) when (ex is OverflowException or ArithmeticException or DomainValidationException)
            {
                var reason = ex is DomainValidationException ? ex.Message : "An amount on this invoice is beyond what can be billed (arithmetic overflow); check the account's plans and usage.";
                logger.LogError(ex, "Billing {Period}: the invoice of account {AccountId} cannot be computed and was not posted: {Reason}", period, account, reason);
                failed.Add(new BillingFailure(account, reason));
                continue;
            }

            next++;
            invoices.Add(invoice);
        }

        skipped += eligible.Count - inputs.Count;
        var calculateTime = phase.Elapsed - readTime;
        if (invoices.Count > 0)
        {
            // Emailing happens after the commit, retried on failure; its record commits with the invoice.
            var deliveries = invoices.Select(i => new InvoiceEmailDelivery(i.Id, now)).ToList();
            var audits = invoices.Select(i => new Auditing.AuditEntry(i.AccountId, now, "system", "billing", "invoice.posted", i.Number, null,
                $"{{\"period\":\"{period}\",\"totalMinor\":{i.TotalMinor},\"currency\":\"{i.CurrencyCode}\"}}")).ToList();
            if (db.Database.IsNpgsql())
            {
                // PostgreSQL's fast path: a chunk's invoices, lines, email records and audit entries by binary COPY.
                await PostgreSqlCopy.CopyAsync(db, invoices, ct);
                var parents = new Dictionary<InvoiceLine, InvoiceId>(ReferenceEqualityComparer.Instance);
                foreach (var invoice in invoices)
                {
                    foreach (var line in invoice.Lines)
                    {
                        parents[line] = invoice.Id;
                    }
                }

                // In each invoice's own order: line ids (from the table's identity) keep the order the lines are shown in.
                await PostgreSqlCopy.CopyAsync(db, invoices.SelectMany(i => i.Lines), ct,
                    (line, property) => property == nameof(InvoiceLine.InvoiceId) ? parents[line] : null);
                await PostgreSqlCopy.CopyAsync(db, deliveries, ct);
                await PostgreSqlCopy.CopyAsync(db, audits, ct);
            }
            else
            {
                db.Invoices.AddRange(invoices);
                db.Set<InvoiceEmailDelivery>().AddRange(deliveries);
                db.AuditEntries.AddRange(audits);
            }

            db.Entry(sequence).Property(s => s.LastNumber).CurrentValue = next;
        }

        // Late usage up to the month before the closing one is now billed: drop the markers read for it (under this lock, so
        // none arrived since).
        var closing = period.Previous;
        var billedLate = invoices.Where(i => inputs[i.AccountId].LateUsageMonths.Count > 0).Select(i => i.AccountId).ToList();
        if (billedLate.Count > 0)
        {
            await db.LateUsageMarkers
                .Where(m => billedLate.Contains(m.AccountId) && (m.Year * 12 + m.Month) < (closing.Year * 12 + closing.Month))
                .ExecuteDeleteAsync(ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogDebug("Billing {Period}: chunk of {Accounts} account(s): read {Read} ms, calculated {Calculate} ms, wrote {Write} ms.",
            period, eligible.Count, (long)readTime.TotalMilliseconds, (long)calculateTime.TotalMilliseconds, (long)(phase.Elapsed - readTime - calculateTime).TotalMilliseconds);

        var posted = invoices.Select(i => new PostedInvoice(i.Id, i.AccountId, i.Number, period, i.TotalMinor, i.CurrencyCode)).ToList();
        foreach (var invoice in posted)
        {
            await events.PublishAsync(new InvoicePosted(invoice.AccountId, invoice.Number, period.ToString(), invoice.TotalMinor, invoice.CurrencyCode));
        }

        return (posted, skipped);
    }
}
