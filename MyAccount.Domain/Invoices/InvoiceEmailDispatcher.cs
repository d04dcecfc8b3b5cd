using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Access;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Invoices;

/// <summary>
/// Sends the invoice emails that are due: to every invoice recipient, with the PDF attached; retries failures later. Every
/// instance of a cluster runs one on the same database: each delivery is claimed before it is sent, so it is sent once.
/// </summary>
public sealed class InvoiceEmailDispatcher(IDbContextFactory<MyAccountDbContext> dbFactory, InvoiceQueries invoices, IInvoiceDocumentRenderer documents,
    IEmailSender email, TimeProvider clock, ILogger<InvoiceEmailDispatcher> logger, CreditNoteService creditNotes, EInvoicing.EInvoiceService? einvoices = null)
{
    private static readonly OperatorActor System = new("invoice-mailer");

    /// <summary>How long a claimed delivery stays with the dispatcher that claimed it before another may try it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(15);

    /// <returns>How many invoices were emailed.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Set<InvoiceEmailDelivery>().Where(d => d.NextAttemptAt != null && d.NextAttemptAt <= now).OrderBy(d => d.Id).Take(50).ToListAsync(ct);
        var sent = 0;
        foreach (var delivery in due)
        {
            if (!await ClaimAsync(db, delivery, now, ct))
            {
                db.Entry(delivery).State = EntityState.Detached;
                continue;
            }

            try
            {
                if (delivery.CreditNoteId is { } creditNote ? await SendCreditNoteAsync(db, creditNote, ct) : await SendAsync(db, delivery.InvoiceId, ct))
                {
                    sent++;
                }

                delivery.Sent(clock.GetUtcNow().UtcDateTime);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                delivery.Failed(clock.GetUtcNow().UtcDateTime, ex.Message);
                logger.LogWarning(ex, "Emailing invoice {InvoiceId} failed (attempt {Attempt}); next try {Next}.", delivery.InvoiceId, delivery.Attempts, delivery.NextAttemptAt);
            }

            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    /// <summary>
    /// Claims a delivery read as due with one conditional update, as the payment charger claims an invoice: another dispatcher
    /// (another instance's worker) that read the same delivery finds its schedule changed and leaves it. The claim is a lease: if
    /// this process dies before the outcome is saved, the delivery comes due again after <see cref="ClaimLease"/> and is sent then
    /// (at least once; twice only after such a crash, never because two instances raced).
    /// </summary>
    private static async Task<bool> ClaimAsync(MyAccountDbContext db, InvoiceEmailDelivery delivery, DateTime now, CancellationToken ct)
    {
        var seen = delivery.NextAttemptAt;
        var attempts = delivery.Attempts;
        var lease = now + ClaimLease;
        return await db.Set<InvoiceEmailDelivery>()
            .Where(d => d.Id == delivery.Id && d.NextAttemptAt == seen && d.Attempts == attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, (DateTime?)lease), ct) == 1;
    }

    private async Task<bool> SendAsync(MyAccountDbContext db, Common.InvoiceId invoiceId, CancellationToken ct)
    {
        var header = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.Number, i.AccountId }).SingleAsync(ct);
        var recipients = await db.InvoiceRecipients.AsNoTracking().Where(r => r.AccountId == header.AccountId).Select(r => r.Email).OrderBy(e => e).ToListAsync(ct);
        if (recipients.Count == 0)
        {
            return false;
        }

        var invoice = await invoices.GetInvoiceAsync(System, header.Number, ct);
        var usage = await invoices.GetInvoiceUsageAsync(System, header.Number, ct);
        // An account that opts in to e-invoicing gets a Factur-X PDF (the CII embedded) and the XRechnung UBL beside it.
        var cii = einvoices is null ? null : await einvoices.GetFileAsync(System, header.Number, EInvoicing.EInvoiceSyntax.Cii, ct);
        var pdf = documents.RenderPdf(invoice, usage, cii is { AccountWantsEInvoices: true } ? cii.Content : null);
        List<EmailAttachment> attachments = [new EmailAttachment($"{invoice.Number}.pdf", "application/pdf", pdf)];
        if (einvoices is not null && cii is { AccountWantsEInvoices: true })
        {
            var ubl = await einvoices.GetFileAsync(System, header.Number, EInvoicing.EInvoiceSyntax.Ubl, ct);
            attachments.Add(new EmailAttachment(ubl.FileName, "application/xml", ubl.Content));
        }

        var total = invoice.Total.Format();
        var text = $"""
            Hello,

            Your invoice {invoice.Number} for {invoice.Period.Display} from the SSO Portal is attached.

            Account: {invoice.AccountName}
            Issued: {invoice.IssuedOn:MMMM d, yyyy}
            Total: {total}{(invoice.Tax is { } tax ? $" ({tax.Label}: {new Common.Money(tax.TaxMinor, invoice.CurrencyCode).Format()})" : "")}
            {PaymentNote(invoice)}

            It holds the subscription fees for {invoice.Period.Display}, billed in advance, and the usage above your included volume
            in {invoice.Period.Previous.Display}, billed in arrears. Sign in to the SSO Portal and open My Account > Invoices for the details.
            """;
        await email.SendAsync(new EmailMessage(recipients, $"Invoice {invoice.Number} for {invoice.Period.Display}: {total}", text, null,
            attachments), ct);
        return true;
    }

    private async Task<bool> SendCreditNoteAsync(MyAccountDbContext db, Common.CreditNoteId creditNoteId, CancellationToken ct)
    {
        var header = await db.CreditNotes.AsNoTracking().Where(c => c.Id == creditNoteId).Select(c => new { c.Number, c.AccountId, c.InvoiceNumber }).SingleAsync(ct);
        var recipients = await db.InvoiceRecipients.AsNoTracking().Where(r => r.AccountId == header.AccountId).Select(r => r.Email).OrderBy(e => e).ToListAsync(ct);
        if (recipients.Count == 0)
        {
            return false;
        }

        var note = await creditNotes.GetAsync(System, header.Number, ct);
        var invoice = await invoices.GetInvoiceAsync(System, header.InvoiceNumber, ct);
        var pdf = documents.RenderCreditNotePdf(note, invoice);
        var amount = note.Amount.Format();
        var settled = note.Settlement switch
        {
            CreditNoteSettlement.Refund => $"{amount} goes back to the card that paid invoice {invoice.Number}; a refund can take 5 to 10 days to show on your statement.",
            CreditNoteSettlement.Balance => $"{amount} is added to your account's credit balance and applied to your next invoices.",
            _ => invoice.AmountDueMinor > 0
                ? $"{amount} is taken off what invoice {invoice.Number} asks: {invoice.AmountDue.Format()} is now due."
                : $"{amount} is taken off what invoice {invoice.Number} asks: nothing is due on it any more.",
        };
        var text = $"""
            Hello,

            We issued credit note {note.Number} against invoice {invoice.Number} ({invoice.Period.Display}); it is attached.

            Account: {invoice.AccountName}
            Credited: {amount}
            Reason: {note.Reason}

            {settled}
            Sign in to the SSO Portal and open My Account > Invoices for the details.
            """;
        var attachments = new List<EmailAttachment> { new($"{note.Number}.pdf", "application/pdf", pdf) };
        if (einvoices is not null && await einvoices.GetCreditNoteFileAsync(System, note.Number, EInvoicing.EInvoiceSyntax.Ubl, ct) is { AccountWantsEInvoices: true } ubl)
        {
            attachments.Add(new EmailAttachment(ubl.FileName, "application/xml", ubl.Content)); // the e-credit-note, as the invoice's e-invoice
        }

        await email.SendAsync(new EmailMessage(recipients, $"Credit note {note.Number} for invoice {invoice.Number}: {amount}", text, null, attachments), ct);
        return true;
    }

    /// <summary>What the customer has to do about the invoice, in one line.</summary>
    private static string PaymentNote(InvoiceDetail invoice) => invoice.Status switch
    {
        InvoiceStatus.Credit => $"Nothing to pay: {(-invoice.Total).Format()} is credited to your account and applied to your next invoices.",
        InvoiceStatus.NothingToPay => invoice.Adjustments.Count > 0 ? "Nothing to pay: your credit balance covers this invoice." : "Nothing to pay.",
        InvoiceStatus.Paid => "Paid.",
        _ => $"Amount due: {invoice.AmountDue.Format()}",
    };
}
