using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Invoices;

/// <summary>What an operator asks to credit: an amount of the invoice, or amounts of some of its lines.</summary>
/// <param name="Settle">How to give it back; null chooses: the amount due of an unpaid invoice, else the credit balance.</param>
public sealed record CreditNoteInput(string? Reason, long? AmountMinor, IReadOnlyList<CreditNoteLineInput>? Lines, CreditNoteSettlement? Settle);

public sealed record CreditNoteLineInput(long LineId, long AmountMinor);

public static class CreditNoteRules
{
    public const int MaxReasonLength = 500;
    public const int MaxLines = 200;
}

/// <summary>
/// Credit notes: issued by billing operators only, against a posted invoice of any account; read by whoever may read the invoice.
/// Issuing is one transaction that takes what is credited off the invoice (and its lines) by conditional updates — so two credit
/// notes issued at once can never together credit more than the invoice — takes the next number, and records the note, its
/// audit entry and its email. A refund is asked of the gateway after the commit, with the credit note's idempotency key, and
/// retried later when the gateway cannot be reached.
/// </summary>
public sealed class CreditNoteService(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, IPaymentGateway gateway, TimeProvider clock,
    IAccountEventPublisher events, ILogger<CreditNoteService> logger)
{
    private static readonly TimeSpan RefundLease = TimeSpan.FromMinutes(15);

    public async Task<CreditNoteView> IssueAsync(Actor actor, string invoiceNumber, CreditNoteInput input, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        var reason = CheckShape(input);
        var number = invoiceNumber?.Trim().ToUpperInvariant() ?? "";

        CreditNote note;
        var paidByNote = false;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == number, ct)
                          ?? throw new NotFoundException($"There is no invoice {invoiceNumber}.");
            var settle = input.Settle ?? (invoice.AwaitsPayment ? CreditNoteSettlement.Due : CreditNoteSettlement.Balance);
            var (amount, lines) = Check(invoice, input, settle);

            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Taken off the invoice first, on the condition that it is still there to take: this row's lock orders concurrent notes.
            var invoices = db.Invoices.Where(i => i.Id == invoice.Id && i.CreditedMinor + amount <= i.TotalMinor);
            var taken = settle switch
            {
                CreditNoteSettlement.Due => await invoices
                    .Where(i => Invoice.AwaitingPayment.Contains(i.Status) && i.TotalMinor - i.CreditedDueMinor >= amount && i.ChargingUntil == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.CreditedMinor, i => i.CreditedMinor + amount)
                        .SetProperty(i => i.CreditedDueMinor, i => i.CreditedDueMinor + amount), ct),
                CreditNoteSettlement.Refund => await invoices
                    .Where(i => i.Status == InvoiceStatus.Paid && i.PaymentReference != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.CreditedMinor, i => i.CreditedMinor + amount), ct),
                _ => await invoices.ExecuteUpdateAsync(s => s.SetProperty(i => i.CreditedMinor, i => i.CreditedMinor + amount), ct),
            };
            if (taken == 0)
            {
                await transaction.RollbackAsync(ct);
                await ExplainConflictAsync(invoice.Id, input, settle, ct);
            }

            foreach (var line in lines)
            {
                var lineTaken = await db.InvoiceLines
                    .Where(l => l.Id == line.InvoiceLineId && l.InvoiceId == invoice.Id && l.CreditedMinor + line.AmountMinor <= l.AmountMinor)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.CreditedMinor, l => l.CreditedMinor + line.AmountMinor), ct);
                if (lineTaken == 0)
                {
                    await transaction.RollbackAsync(ct);
                    await ExplainConflictAsync(invoice.Id, input, settle, ct);
                }
            }

            // The next number, in this transaction: a rollback leaves no gap.
            await db.CreditNoteNumberSequences.Where(s => s.Id == CreditNoteNumberSequence.SingletonId)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.LastNumber, q => q.LastNumber + 1), ct);
            var sequence = await db.CreditNoteNumberSequences.AsNoTracking().Where(s => s.Id == CreditNoteNumberSequence.SingletonId)
                .Select(s => s.LastNumber).SingleAsync(ct);

            note = new CreditNote(invoice, sequence, reason, amount, settle, lines, now, actor.Name);
            db.CreditNotes.Add(note);
            db.Set<InvoiceEmailDelivery>().Add(InvoiceEmailDelivery.ForCreditNote(note, now));
            AuditLog.Record(db, clock, actor, invoice.AccountId, "credit_note.issued", note.Number, null,
                new { invoice = invoice.Number, amountMinor = amount, currency = invoice.CurrencyCode, settle = SettlementName(settle), reason });
            await db.SaveChangesAsync(ct);

            if (settle == CreditNoteSettlement.Due)
            {
                // An invoice whose amount due reaches zero is paid — by this credit note.
                var paid = await db.Invoices.Where(i => i.Id == invoice.Id && Invoice.AwaitingPayment.Contains(i.Status) && i.TotalMinor - i.CreditedDueMinor == 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvoiceStatus.Paid)
                        .SetProperty(i => i.PaidAt, (DateTime?)now)
                        .SetProperty(i => i.PaidWith, $"credit note {note.Number}")
                        .SetProperty(i => i.NextChargeAt, (DateTime?)null)
                        .SetProperty(i => i.LastPaymentError, (string?)null), ct);
                paidByNote = paid > 0;
                if (paidByNote)
                {
                    db.AuditEntries.Add(new AuditEntry(invoice.AccountId, now, "system", "payments", "invoice.paid", invoice.Number, null,
                        System.Text.Json.JsonSerializer.Serialize(new { creditNote = note.Number })));
                    await db.SaveChangesAsync(ct);
                }
            }

            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("Credit note {CreditNote} for {Amount} issued against {Invoice} ({Settle}) by {Operator}.",
            note.Number, note.Amount.Format(), note.InvoiceNumber, note.Settlement, actor.Name);

        // The credit note is committed: nothing after this point may fail the request, or a retry would issue a second one. A refund
        // that cannot be asked now stays pending for the worker.
        try
        {
            await events.PublishAsync(new CreditNoteIssued(note.AccountId, note.Number, note.InvoiceNumber));
            if (paidByNote)
            {
                await events.PublishAsync(new InvoicePaymentChanged(note.AccountId, note.InvoiceNumber, true));
            }

            if (note.Settlement == CreditNoteSettlement.Refund)
            {
                await RefundAsync(note.Id, ct);
            }

            return await ViewAsync(note.Id, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "After issuing {CreditNote}, telling dashboards or asking for its refund failed; the refund worker retries it.", note.Number);
            return ToView(note);
        }
    }

    /// <summary>Asks the gateway again for every refund that is due (the refund worker).</summary>
    /// <returns>How many refunds were asked for.</returns>
    public async Task<int> RefundDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<CreditNoteId> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.CreditNotes.AsNoTracking()
                .Where(c => c.RefundStatus == RefundStatus.Pending && c.NextRefundAt != null && c.NextRefundAt <= now)
                .OrderBy(c => c.NextRefundAt).Select(c => c.Id).Take(100).ToListAsync(ct);
        }

        var asked = 0;
        foreach (var id in due)
        {
            try
            {
                if (await RefundAsync(id, ct))
                {
                    asked++;
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One refund that cannot be saved must not stop the others; its lease runs out and it is asked again.
                logger.LogError(ex, "Refunding credit note {CreditNoteId} failed; it is asked again later.", id);
            }
        }

        return asked;
    }

    /// <summary>
    /// The gateway's webhook says how a refund it took as pending ended (<paramref name="idempotencyKey"/>: the credit note's
    /// <see cref="CreditNote.RefundIdempotencyKey"/>). A refund already ended stays as it is.
    /// </summary>
    public async Task RecordRefundOutcomeAsync(string idempotencyKey, bool succeeded, string reference, string failure, CancellationToken ct = default)
    {
        const string prefix = "credit-note-";
        if (!idempotencyKey.StartsWith(prefix, StringComparison.Ordinal) || !Guid.TryParse(idempotencyKey.AsSpan(prefix.Length), out var guid))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var note = await db.CreditNotes.SingleOrDefaultAsync(c => c.Id == new CreditNoteId(guid), ct);
        if (note is not { RefundStatus: RefundStatus.Pending })
        {
            return;
        }

        var at = clock.GetUtcNow().UtcDateTime;
        if (succeeded)
        {
            note.Refunded(at, reference);
        }
        else
        {
            note.RefundRefused(failure);
        }

        db.AuditEntries.Add(new AuditEntry(note.AccountId, at, "system", "payments", succeeded ? "credit_note.refunded" : "credit_note.refund_failed", note.Number, null,
            System.Text.Json.JsonSerializer.Serialize(succeeded
                ? (object)new { amountMinor = note.AmountMinor, currency = note.CurrencyCode, invoice = note.InvoiceNumber }
                : new { reason = note.RefundError, invoice = note.InvoiceNumber })));
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new CreditNoteIssued(note.AccountId, note.Number, note.InvoiceNumber));
    }

    /// <summary>The credit notes of an invoice, oldest first.</summary>
    public async Task<IReadOnlyList<CreditNoteView>> ListForInvoiceAsync(Actor actor, string invoiceNumber, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var number = invoiceNumber?.Trim().ToUpperInvariant() ?? "";
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Number == number).Select(i => new { i.Id, i.AccountId }).SingleOrDefaultAsync(ct)
                      ?? throw new NotFoundException($"There is no invoice {invoiceNumber}.");
        await ViewOrNotFoundAsync(db, actor, invoice.AccountId, ct);
        var notes = await db.CreditNotes.AsNoTracking().Include(c => c.Lines).Where(c => c.InvoiceId == invoice.Id).OrderBy(c => c.SequenceNumber).ToListAsync(ct);
        return notes.Select(ToView).ToList();
    }

    /// <summary>The credit notes of an account, newest first, for its invoice list.</summary>
    public async Task<IReadOnlyList<CreditNoteView>> ListForAccountAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ViewOrNotFoundAsync(db, actor, accountId, ct);
        var notes = await db.CreditNotes.AsNoTracking().Include(c => c.Lines).Where(c => c.AccountId == accountId)
            .OrderByDescending(c => c.SequenceNumber).Take(500).ToListAsync(ct);
        return notes.Select(ToView).ToList();
    }

    public async Task<CreditNoteView> GetAsync(Actor actor, string creditNoteNumber, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var number = creditNoteNumber?.Trim().ToUpperInvariant() ?? "";
        var note = await db.CreditNotes.AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Number == number, ct)
                   ?? throw new NotFoundException($"There is no credit note {creditNoteNumber}.");
        await ViewOrNotFoundAsync(db, actor, note.AccountId, ct);
        return ToView(note);
    }

    public static string SettlementName(CreditNoteSettlement settle) => settle switch
    {
        CreditNoteSettlement.Refund => "refund",
        CreditNoteSettlement.Balance => "balance",
        CreditNoteSettlement.Due => "due",
        _ => throw new ArgumentOutOfRangeException(nameof(settle)),
    };

    /// <summary>The reason, once the request's own shape is right (before the invoice is read).</summary>
    private static string CheckShape(CreditNoteInput input)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            errors.Add(new("reason", "A reason is required: it is printed on the credit note."));
        }
        else if (reason.Length > CreditNoteRules.MaxReasonLength)
        {
            errors.Add(new("reason", $"The reason can be at most {CreditNoteRules.MaxReasonLength} characters."));
        }
        else if (reason.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(new("reason", "The reason cannot contain control characters."));
        }

        var lines = input.Lines;
        if (input.AmountMinor is null && (lines is null || lines.Count == 0))
        {
            errors.Add(new("amountMinor", "Give either amountMinor (an amount of the invoice) or lines (amounts of its lines)."));
        }
        else if (input.AmountMinor is not null && lines is { Count: > 0 })
        {
            errors.Add(new("amountMinor", "Give either amountMinor or lines, not both."));
        }
        else if (input.AmountMinor is { } amount && amount <= 0)
        {
            errors.Add(new("amountMinor", "amountMinor must be above zero (in minor units)."));
        }
        else if (lines is not null)
        {
            if (lines.Count > CreditNoteRules.MaxLines)
            {
                errors.Add(new("lines", $"A credit note can credit at most {CreditNoteRules.MaxLines} lines."));
            }

            for (var i = 0; i < lines.Count && i < CreditNoteRules.MaxLines; i++)
            {
                if (lines[i].AmountMinor <= 0)
                {
                    errors.Add(new($"lines[{i}].amountMinor", $"lines[{i}].amountMinor must be above zero (in minor units)."));
                }
            }

            if (lines.GroupBy(l => l.LineId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                errors.Add(new("lines", $"Line {twice.Key} is given more than once."));
            }
        }

        DomainValidationException.ThrowIfAny(errors);
        return reason;
    }

    /// <summary>Checks the request against the invoice as read: the amount, the lines it credits, and whether it can settle that way.</summary>
    private static (long Amount, List<CreditNoteLine> Lines) Check(Invoice invoice, CreditNoteInput input, CreditNoteSettlement settle)
    {
        var lines = new List<CreditNoteLine>();
        long amount;
        if (input.Lines is { Count: > 0 } requested)
        {
            var byId = invoice.Lines.ToDictionary(l => l.Id);
            for (var i = 0; i < requested.Count; i++)
            {
                var (id, lineAmount) = (requested[i].LineId, requested[i].AmountMinor);
                if (!byId.TryGetValue(id, out var line))
                {
                    throw new DomainValidationException($"lines[{i}].lineId", $"Invoice {invoice.Number} has no line {id}.");
                }

                if (line.ProductId is null || line.AmountMinor <= 0)
                {
                    throw new DomainValidationException($"lines[{i}].lineId", $"Line {id} (\"{line.Description}\") is not a charge: only lines above zero can be credited.");
                }

                if (lineAmount > line.CreditableMinor)
                {
                    throw new DomainValidationException($"lines[{i}].amountMinor",
                        $"Line {id} can be credited at most {new Money(line.CreditableMinor, invoice.CurrencyCode).Format()}"
                        + (line.CreditedMinor > 0 ? $" ({new Money(line.CreditedMinor, invoice.CurrencyCode).Format()} of it is credited already)." : "."));
                }

                lines.Add(new CreditNoteLine(id, line.Description, lineAmount));
            }

            amount = checked(lines.Sum(l => l.AmountMinor));
        }
        else
        {
            amount = input.AmountMinor!.Value;
        }

        var money = (long minor) => new Money(minor, invoice.CurrencyCode).Format();
        if (invoice.TotalMinor <= 0)
        {
            throw new DomainValidationException("amountMinor", $"Invoice {invoice.Number} charged nothing ({money(invoice.TotalMinor)}): there is nothing to credit.");
        }

        if (amount > invoice.CreditableMinor)
        {
            throw new DomainValidationException(input.Lines is { Count: > 0 } ? "lines" : "amountMinor",
                invoice.CreditableMinor == 0
                    ? $"Invoice {invoice.Number} is credited in full already."
                    : $"Invoice {invoice.Number} can be credited at most {money(invoice.CreditableMinor)} more (total {money(invoice.TotalMinor)}, credited {money(invoice.CreditedMinor)}); asked {money(amount)}.");
        }

        switch (settle)
        {
            case CreditNoteSettlement.Due when !invoice.AwaitsPayment:
                throw new DomainValidationException("settle", $"Invoice {invoice.Number} is not awaiting payment: settle as \"refund\" or \"balance\".");
            case CreditNoteSettlement.Due when amount > invoice.AmountDueMinor:
                throw new DomainValidationException("amountMinor", $"Invoice {invoice.Number} has {money(invoice.AmountDueMinor)} due: a credit note settled against it can be at most that.");
            case CreditNoteSettlement.Refund when invoice.Status != InvoiceStatus.Paid || invoice.PaymentReference is null:
                throw new DomainValidationException("settle",
                    invoice.AwaitsPayment
                        ? $"Invoice {invoice.Number} is not paid, so there is nothing to refund: settle as \"due\" to reduce what is owed, or \"balance\"."
                        : $"Invoice {invoice.Number} was not paid by card, so it cannot be refunded: settle as \"balance\".");
        }

        return (amount, lines);
    }

    /// <summary>A conditional update found the invoice changed since it was read: says why, from its state now.</summary>
    private async Task ExplainConflictAsync(InvoiceId invoiceId, CreditNoteInput input, CreditNoteSettlement settle, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == invoiceId, ct);
        Check(now, input, settle); // throws the rule it breaks now
        throw new ConcurrencyConflictException(now switch
        {
            { AwaitsGateway: true } => $"A payment of invoice {now.Number} is still being processed by the payment gateway: credit it once it has ended, or settle to the balance.",
            { ChargingUntil: not null } => $"Invoice {now.Number} is being charged right now: try again in a few minutes.",
            _ => $"Invoice {now.Number} changed while the credit note was issued: try again.",
        });
    }

    /// <returns>False when another worker holds the refund, or it is not due.</returns>
    private async Task<bool> RefundAsync(CreditNoteId id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var note = await db.CreditNotes.SingleAsync(c => c.Id == id, ct);
        var seen = note.NextRefundAt;
        if (note.RefundStatus != RefundStatus.Pending || seen is null || seen > now)
        {
            return false;
        }

        // Claimed as a lease, like charges: a second worker leaves it; a crash leaves it to be asked again with the same key.
        var claimed = await db.CreditNotes.Where(c => c.Id == id && c.RefundStatus == RefundStatus.Pending && c.NextRefundAt == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextRefundAt, (DateTime?)(now + RefundLease)), ct);
        if (claimed == 0)
        {
            return false;
        }

        var charge = await db.Invoices.AsNoTracking().Where(i => i.Id == note.InvoiceId).Select(i => i.PaymentReference).SingleAsync(ct);
        RefundResult? result = null;
        string? unreachable = null;
        try
        {
            result = await gateway.RefundAsync(charge!, note.Amount, $"{note.Number} for {note.InvoiceNumber}: {note.Reason}", note.RefundIdempotencyKey, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Unreachable, or timed out (an HttpClient timeout is an OperationCanceledException too): asked again with the same key.
            logger.LogWarning(ex, "Refunding {CreditNote} failed at the gateway; it is asked again later.", note.Number);
            unreachable = "The payment gateway could not be reached.";
        }

        var at = clock.GetUtcNow().UtcDateTime;
        if (result is { Succeeded: true, Pending: true })
        {
            note.RefundAccepted(result.Reference);
        }
        else if (result is { Succeeded: true })
        {
            note.Refunded(at, result.Reference);
            db.AuditEntries.Add(new AuditEntry(note.AccountId, at, "system", "payments", "credit_note.refunded", note.Number, null,
                System.Text.Json.JsonSerializer.Serialize(new { amountMinor = note.AmountMinor, currency = note.CurrencyCode, invoice = note.InvoiceNumber })));
        }
        else if (result is not null)
        {
            note.RefundRefused(result.FailureMessage ?? "The refund was refused.");
        }
        else
        {
            note.RefundUnreachable(at, unreachable!);
        }

        if (note.RefundStatus == RefundStatus.Failed)
        {
            db.AuditEntries.Add(new AuditEntry(note.AccountId, at, "system", "payments", "credit_note.refund_failed", note.Number, null,
                System.Text.Json.JsonSerializer.Serialize(new { reason = note.RefundError, invoice = note.InvoiceNumber })));
            logger.LogError("The refund of {CreditNote} failed for good: {Reason}", note.Number, note.RefundError);
        }

        // Saved with the state read at the claim; the claim's own lease is overwritten by the outcome.
        db.Entry(note).Property(c => c.NextRefundAt).IsModified = true;
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new CreditNoteIssued(note.AccountId, note.Number, note.InvoiceNumber));
        return true;
    }

    private async Task<CreditNoteView> ViewAsync(CreditNoteId id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return ToView(await db.CreditNotes.AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == id, ct));
    }

    internal static CreditNoteView ToView(CreditNote c) => new(c.Id, c.Number, c.InvoiceNumber, c.AccountId, c.CurrencyCode, c.Reason, c.AmountMinor, c.Settlement,
        c.IssuedAt, c.IssuedBy, c.Lines.OrderBy(l => l.Id).Select(l => new CreditNoteLineView(l.InvoiceLineId, l.Description, l.AmountMinor)).ToList(),
        c.RefundStatus, c.RefundedAt, c.RefundReference, c.RefundError);

    /// <summary>Someone outside the account learns nothing, not even that the credit note or invoice exists.</summary>
    private async Task ViewOrNotFoundAsync(MyAccountDbContext db, Actor actor, AccountId accountId, CancellationToken ct)
    {
        try
        {
            await guard.EnsureCanViewAsync(db, actor, accountId, "credit notes", ct);
        }
        catch (AccessDeniedException)
        {
            throw new NotFoundException("There is no such credit note or invoice.");
        }
    }
}

/// <summary>A credit note as people and the API see it.</summary>
public sealed record CreditNoteView(
    CreditNoteId Id,
    string Number,
    string InvoiceNumber,
    AccountId AccountId,
    string CurrencyCode,
    string Reason,
    long AmountMinor,
    CreditNoteSettlement Settlement,
    DateTime IssuedAt,
    string IssuedBy,
    IReadOnlyList<CreditNoteLineView> Lines,
    RefundStatus RefundStatus,
    DateTime? RefundedAt,
    string? RefundReference,
    string? RefundError)
{
    public Money Amount => new(AmountMinor, CurrencyCode);

    /// <summary>How it was settled, for people ("Refunded to the card", …).</summary>
    public string SettlementText => (Settlement, RefundStatus) switch
    {
        (CreditNoteSettlement.Refund, RefundStatus.Refunded) => "Refunded to the card",
        (CreditNoteSettlement.Refund, RefundStatus.Failed) => "Refund failed",
        (CreditNoteSettlement.Refund, _) => "Refund in progress",
        (CreditNoteSettlement.Balance, _) => "Added to the credit balance",
        _ => "Taken off the amount due",
    };
}

public sealed record CreditNoteLineView(long InvoiceLineId, string Description, long AmountMinor);
