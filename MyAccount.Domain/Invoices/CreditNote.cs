using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

/// <summary>How a credit note gives the money back.</summary>
public enum CreditNoteSettlement
{
    /// <summary>Refunded to the card that paid the invoice, through the payment gateway.</summary>
    Refund = 0,

    /// <summary>Added to the account's credit balance, applied to its next invoices.</summary>
    Balance = 1,

    /// <summary>Taken off the amount due of the (unpaid) invoice.</summary>
    Due = 2,
}

/// <summary>Where the refund of a credit note settled as <see cref="CreditNoteSettlement.Refund"/> stands.</summary>
public enum RefundStatus
{
    /// <summary>Not a refund.</summary>
    None = 0,

    /// <summary>
    /// Asked of the gateway (again at <see cref="CreditNote.NextRefundAt"/> when the gateway could not be reached), or taken by it and
    /// not yet finished (a reference and no next attempt: the gateway's webhook ends it).
    /// </summary>
    Pending = 1,

    Refunded = 2,

    /// <summary>The gateway refused it, or every retry failed: an operator must settle it another way.</summary>
    Failed = 3,
}

/// <summary>
/// A credit note against a posted invoice: for some of its lines or for an amount, with a reason, settled as a refund, as credit
/// to the account's balance, or as a reduction of the amount due. Immutable once issued (only its refund's progress changes);
/// the number comes from its own gapless sequence (<c>CN-000001</c>), taken in the transaction that issues it.
/// </summary>
public sealed class CreditNote
{
    /// <summary>
    /// Gateway outages are retried after 1 and 5 minutes, half an hour, 2 and 6 hours with the same idempotency key — all within the
    /// 24 hours Stripe keeps a key, so a retry of a refund whose answer was lost returns that refund instead of making a second.
    /// </summary>
    private static readonly TimeSpan[] RefundRetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
    ];

    private readonly List<CreditNoteLine> _lines = [];

    private CreditNote()
    {
        Number = InvoiceNumber = CurrencyCode = Reason = IssuedBy = "";
    }

    public CreditNote(Invoice invoice, long sequenceNumber, string reason, long amountMinor, CreditNoteSettlement settlement, IEnumerable<CreditNoteLine> lines,
        DateTime issuedAt, string issuedBy)
    {
        Id = CreditNoteId.New();
        SequenceNumber = sequenceNumber;
        Number = FormatNumber(sequenceNumber);
        InvoiceId = invoice.Id;
        InvoiceNumber = invoice.Number;
        AccountId = invoice.AccountId;
        CurrencyCode = invoice.CurrencyCode;
        Reason = reason;
        AmountMinor = amountMinor;
        Settlement = settlement;
        IssuedAt = issuedAt;
        IssuedBy = issuedBy;
        foreach (var line in lines)
        {
            line.AttachTo(Id);
            _lines.Add(line);
        }

        if (settlement == CreditNoteSettlement.Refund)
        {
            RefundStatus = RefundStatus.Pending;
            NextRefundAt = issuedAt;
        }
    }

    public CreditNoteId Id { get; private set; }
    public long SequenceNumber { get; private set; }
    public string Number { get; private set; }
    public InvoiceId InvoiceId { get; private set; }
    public string InvoiceNumber { get; private set; }
    public AccountId AccountId { get; private set; }
    public string CurrencyCode { get; private set; }
    public string Reason { get; private set; }

    /// <summary>What is credited, in minor units (above zero).</summary>
    public long AmountMinor { get; private set; }

    public CreditNoteSettlement Settlement { get; private set; }
    public DateTime IssuedAt { get; private set; }

    /// <summary>The operator who issued it.</summary>
    public string IssuedBy { get; private set; }

    /// <summary>The invoice lines it credits; empty when it credits an amount of the invoice as a whole.</summary>
    public IReadOnlyList<CreditNoteLine> Lines => _lines;

    public RefundStatus RefundStatus { get; private set; }

    /// <summary>When to ask the gateway (again); null unless a refund is pending.</summary>
    public DateTime? NextRefundAt { get; private set; }

    public int RefundAttempts { get; private set; }
    public DateTime? RefundedAt { get; private set; }

    /// <summary>The gateway's reference of the refund.</summary>
    public string? RefundReference { get; private set; }

    public string? RefundError { get; private set; }

    public Money Amount => new(AmountMinor, CurrencyCode);

    /// <summary>One refund per credit note, however often it is asked for.</summary>
    public string RefundIdempotencyKey => $"credit-note-{Id}";

    public static string FormatNumber(long sequenceNumber) => $"CN-{sequenceNumber:D6}";

    public void Refunded(DateTime at, string? reference)
    {
        RefundAttempts++;
        RefundStatus = RefundStatus.Refunded;
        RefundedAt = at;
        RefundReference = reference;
        RefundError = null;
        NextRefundAt = null;
    }

    /// <summary>The gateway took the refund but has not finished it: it stays pending, not asked again; the gateway's webhook ends it.</summary>
    public void RefundAccepted(string? reference)
    {
        RefundAttempts++;
        RefundReference = reference;
        RefundError = null;
        NextRefundAt = null;
    }

    /// <summary>The gateway refused the refund: it is not asked again.</summary>
    public void RefundRefused(string error)
    {
        RefundAttempts++;
        RefundStatus = RefundStatus.Failed;
        RefundError = Trim(error);
        NextRefundAt = null;
    }

    /// <summary>The gateway could not be reached: asked again later with the same key, until the retries run out.</summary>
    public void RefundUnreachable(DateTime at, string error)
    {
        RefundAttempts++;
        RefundError = Trim(error);
        if (RefundAttempts <= RefundRetryDelays.Length)
        {
            NextRefundAt = at + RefundRetryDelays[RefundAttempts - 1];
        }
        else
        {
            RefundStatus = RefundStatus.Failed;
            NextRefundAt = null;
        }
    }

    private static string Trim(string error) => error.Length > 300 ? error[..300] : error;
}

/// <summary>A credited part of one invoice line.</summary>
public sealed class CreditNoteLine
{
    private CreditNoteLine()
    {
        Description = "";
    }

    public CreditNoteLine(long invoiceLineId, string description, long amountMinor)
    {
        InvoiceLineId = invoiceLineId;
        Description = description;
        AmountMinor = amountMinor;
    }

    public long Id { get; private set; }
    public CreditNoteId CreditNoteId { get; private set; }
    public long InvoiceLineId { get; private set; }

    /// <summary>The invoice line's description, as it was credited.</summary>
    public string Description { get; private set; }

    public long AmountMinor { get; private set; }

    internal void AttachTo(CreditNoteId id) => CreditNoteId = id;
}

/// <summary>The gapless credit note sequence: one row, incremented in the transaction that issues the credit note.</summary>
public sealed class CreditNoteNumberSequence
{
    public const int SingletonId = 1;

    private CreditNoteNumberSequence()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public long LastNumber { get; private set; }
}
