using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

/// <summary>
/// The emailing of one posted invoice to the account's invoice recipients: written in the transaction that posts the
/// invoice, sent afterwards and retried on a schedule, so a mail outage never blocks or undoes billing.
/// </summary>
public sealed class InvoiceEmailDelivery
{
    private static readonly TimeSpan[] RetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(24),
    ];

    private InvoiceEmailDelivery()
    {
    }

    public InvoiceEmailDelivery(InvoiceId invoiceId, DateTime createdAt)
    {
        InvoiceId = invoiceId;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    /// <summary>The emailing of a credit note (with its PDF) to the recipients of its invoice's account.</summary>
    public static InvoiceEmailDelivery ForCreditNote(CreditNote note, DateTime createdAt) =>
        new(note.InvoiceId, createdAt) { CreditNoteId = note.Id };

    public long Id { get; private set; }
    public InvoiceId InvoiceId { get; private set; }

    /// <summary>Set when the email is a credit note's rather than the invoice's own.</summary>
    public CreditNoteId? CreditNoteId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>When to try next; null once sent or given up.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }

    public static int MaxAttempts => RetryDelays.Length + 1;

    public void Sent(DateTime at)
    {
        Attempts++;
        SentAt = at;
        NextAttemptAt = null;
        LastError = null;
    }

    public void Failed(DateTime at, string error)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = Attempts < MaxAttempts ? at + RetryDelays[Attempts - 1] : null;
    }
}

/// <summary>The invoice document port: a PDF of the invoice with the usage summary as an appendix.</summary>
public interface IInvoiceDocumentRenderer
{
    /// <param name="facturX">The invoice as CII XML: when given, the PDF is a Factur-X / ZUGFeRD hybrid (PDF/A-3 with it embedded).</param>
    byte[] RenderPdf(InvoiceDetail invoice, InvoiceUsage usage, byte[]? facturX = null);

    /// <summary>A credit note's PDF: what it credits of which invoice, why, and how it is settled.</summary>
    byte[] RenderCreditNotePdf(CreditNoteView note, InvoiceDetail invoice);
}
