using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Payments;

/// <summary>
/// Charges posted invoices to the account's card, off-session: paid; payment failed (retried after 3, 5 and 7 days, then
/// past due; the members who may edit payment are emailed each time); or open while there is no card. The idempotency key
/// is the invoice id (with the retry number for retries), so a charge repeated after a crash or by a second worker is
/// never taken twice.
/// </summary>
public sealed class InvoiceCharging(IDbContextFactory<MyAccountDbContext> dbFactory, IPaymentGateway gateway, IEmailSender email, TimeProvider clock,
    ILogger<InvoiceCharging> logger, IAccountEventPublisher? events = null)
{
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(15);

    /// <remarks>
    /// One key per attempt. The amount of an attempt never changes under its key: a credit note against the amount due waits
    /// until the attempt's outcome is recorded (<see cref="Invoice.ChargingUntil"/>), and the next attempt has a key of its own.
    /// </remarks>
    public static string IdempotencyKey(InvoiceId invoice, int failedBefore) =>
        failedBefore == 0 ? $"invoice-{invoice}" : $"invoice-{invoice}-retry-{failedBefore}";

    /// <returns>How many invoices were charged (successfully or not).</returns>
    public Task<int> ChargeDueAsync(CancellationToken ct = default) => ChargeDueAsync(null, ct);

    /// <summary>
    /// Pay now: every unpaid invoice of the account is charged at once to the card on file, oldest first — past due ones too —
    /// without waiting for the next scheduled retry. Callers check the actor's permission (<see cref="PaymentService.PayNowAsync"/>).
    /// </summary>
    /// <returns>How many invoices were charged (successfully or not).</returns>
    internal async Task<int> ChargeAccountNowAsync(AccountId accountId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // One statement, filtered by status: an invoice paid meanwhile is never scheduled again.
            await db.Invoices.Where(i => i.AccountId == accountId && Invoice.AwaitingPayment.Contains(i.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.NextChargeAt, (DateTime?)now), ct);
        }

        return await ChargeDueAsync(accountId, ct);
    }

    private async Task<int> ChargeDueAsync(AccountId? accountId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = db.Invoices.Where(i => i.NextChargeAt != null && i.NextChargeAt <= now && Invoice.AwaitingPayment.Contains(i.Status));
        if (accountId is { } only)
        {
            candidates = candidates.Where(i => i.AccountId == only);
        }

        var due = await candidates.OrderBy(i => i.NextChargeAt).Take(100).ToListAsync(ct);
        var charged = 0;
        foreach (var invoice in due.Where(i => i.AwaitsPayment))
        {
            // Claimed before charging: a second charger (Pay now beside the worker, two workers) that read the same invoice finds
            // its schedule changed and leaves it, so one charge attempt is made per schedule. The claim is a lease: if this process
            // dies before the outcome is saved, the charge is tried again after it with the same idempotency key.
            var seen = invoice.NextChargeAt;
            var lease = now + ClaimLease;
            if (invoice.TotalMinor > 0 && invoice.ChargingUntil is null
                && !await db.PaymentMethods.AnyAsync(p => p.AccountId == invoice.AccountId, ct))
            {
                // No card: nothing can be charged, so the invoice is not claimed (a claim would hold off credit notes for nothing);
                // it waits for a card, unless something changed it meanwhile.
                await db.Invoices.Where(i => i.Id == invoice.Id && i.NextChargeAt == seen && i.ChargingUntil == null && Invoice.AwaitingPayment.Contains(i.Status))
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.NextChargeAt, (DateTime?)null), ct);
                db.Entry(invoice).State = EntityState.Detached;
                continue;
            }

            // While claimed (ChargingUntil), a credit note cannot change the amount due: what is charged is what was read.
            var claimed = await db.Invoices
                .Where(i => i.Id == invoice.Id && i.NextChargeAt == seen && i.FailedCharges == invoice.FailedCharges && Invoice.AwaitingPayment.Contains(i.Status)
                            && i.CreditedDueMinor == invoice.CreditedDueMinor && (i.ChargingUntil == null || i.ChargingUntil <= now) && i.PaymentReference == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.NextChargeAt, (DateTime?)lease).SetProperty(i => i.ChargingUntil, (DateTime?)lease), ct);
            if (claimed == 0)
            {
                db.Entry(invoice).State = EntityState.Detached;
                continue;
            }

            await db.Entry(invoice).ReloadAsync(ct); // the claim is the state the outcome is saved over

            bool? outcome = null;
            var card = await db.PaymentMethods.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == invoice.AccountId, ct);
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == invoice.AccountId, ct);
            if (invoice.TotalMinor <= 0)
            {
                invoice.SettleWithoutPayment(); // nothing to collect: a zero or credit invoice
            }
            else if (invoice.AmountDueMinor <= 0)
            {
                invoice.MarkPaid(now); // credit notes took off all that was due
            }
            else if (card is null || account.PaymentCustomerReference is null)
            {
                invoice.WaitForCard();
            }
            else
            {
                ChargeResult result;
                try
                {
                    result = await gateway.ChargeAsync(account.PaymentCustomerReference, card.GatewayReference, invoice.AmountDue,
                        $"{invoice.Number} for {invoice.Period.Display}", IdempotencyKey(invoice.Id, invoice.FailedCharges), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One invoice the gateway cannot take must not stop the charging of every invoice after it.
                    logger.LogError(ex, "Charging {Invoice} failed at the gateway.", invoice.Number);
                    result = ChargeResult.Failed("gateway_error", "The payment could not be processed.");
                }

                charged++;
                outcome = result.Processing ? null : result.Succeeded;
                if (result.Processing)
                {
                    invoice.AwaitGateway(clock.GetUtcNow().UtcDateTime, result.Reference);
                }
                else if (result.Succeeded)
                {
                    invoice.MarkPaid(clock.GetUtcNow().UtcDateTime, $"{card.Brand} ••{card.Last4}", result.Reference);
                    db.AuditEntries.Add(new Auditing.AuditEntry(invoice.AccountId, clock.GetUtcNow().UtcDateTime, "system", "payments", "invoice.paid", invoice.Number, null,
                        System.Text.Json.JsonSerializer.Serialize(new { card = $"{card.Brand} {card.Last4}" })));
                }
                else
                {
                    invoice.MarkChargeFailed(clock.GetUtcNow().UtcDateTime, result.FailureMessage ?? result.FailureCode ?? "The charge failed.");
                    db.AuditEntries.Add(new Auditing.AuditEntry(invoice.AccountId, clock.GetUtcNow().UtcDateTime, "system", "payments", "invoice.payment_failed",
                        invoice.Number, null, System.Text.Json.JsonSerializer.Serialize(new { reason = invoice.LastPaymentError, attempt = invoice.FailedCharges })));
                    await db.SaveChangesAsync(ct);
                    await TellPaymentManagersAsync(db, invoice, account.Name, card, ct);
                }
            }

            await db.SaveChangesAsync(ct);
            if (outcome is { } paid && events is not null)
            {
                // Open dashboards show the new state at once (the Billing / Payment summary, the invoice list).
                await events.PublishAsync(new InvoicePaymentChanged(invoice.AccountId, invoice.Number, paid));
            }
        }

        return charged;
    }

    /// <summary>
    /// A webhook said how a charge ended. Each event id is handled once; an invoice already paid stays paid.
    /// </summary>
    /// <returns>False when the event was seen before (a replay).</returns>
    public async Task<bool> RecordGatewayEventAsync(string eventId, string type, string? idempotencyKey, bool succeeded, string? message, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<GatewayEvent>().AnyAsync(e => e.Id == eventId, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<GatewayEvent>().Add(new GatewayEvent(eventId, type, now));
        if (InvoiceIdFrom(idempotencyKey) is { } invoiceId
            && await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct) is { AwaitsPayment: true } invoice)
        {
            if (succeeded)
            {
                invoice.MarkPaid(now);
            }
            else if (invoice.Status == InvoiceStatus.Open && invoice.FailedCharges == 0 || invoice.AwaitsGateway)
            {
                // An asynchronous failure of the first charge; failures of charges made here are recorded when they return.
                invoice.MarkChargeFailed(now, message ?? "The payment failed.");
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static InvoiceId? InvoiceIdFrom(string? key) =>
        key is not null && key.StartsWith("invoice-", StringComparison.Ordinal) && Guid.TryParse(key.AsSpan(8, Math.Min(36, key.Length - 8)), out var id)
            ? new InvoiceId(id)
            : null;

    private async Task TellPaymentManagersAsync(MyAccountDbContext db, Invoice invoice, string accountName, PaymentMethod card, CancellationToken ct)
    {
        var to = await db.Members.AsNoTracking().Where(m => m.AccountId == invoice.AccountId && m.Status == MemberStatus.Active && m.CanManagePayment)
            .Select(m => m.Email).OrderBy(e => e).ToListAsync(ct);
        if (to.Count == 0)
        {
            return;
        }

        var next = invoice.NextChargeAt is { } at
            ? $"We will try again on {at:MMMM d, yyyy}."
            : "We will not try again automatically: the invoice is past due.";
        try
        {
            await email.SendAsync(new EmailMessage(to, $"Payment for invoice {invoice.Number} failed",
                $"""
                Hello,

                We could not charge {invoice.AmountDue.Format()} for invoice {invoice.Number} ({invoice.Period.Display}) of {accountName}
                to the {card.Brand} card ending in {card.Last4}: {invoice.LastPaymentError}

                {next}
                To pay now, sign in to the SSO Portal and update the card in My Account > Billing / Payment: a new card is charged right away.
                """), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Telling the payment managers about the failed payment of {Invoice} failed.", invoice.Number);
        }
    }
}
