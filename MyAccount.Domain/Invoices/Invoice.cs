using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

public enum InvoiceStatus
{
    Open = 0,
    Paid = 1,
    PaymentFailed = 2,
}

/// <summary>
/// The invoice of one account for one calendar month (UTC), issued on the first day of that month. Posted invoices
/// are immutable; the number comes from one gapless sequence (<c>INV-000001</c>) when posted.
/// </summary>
public sealed class Invoice
{
    private readonly List<InvoiceLine> _lines = [];

    private Invoice()
    {
        Number = CurrencyCode = "";
    }

    public Invoice(AccountId accountId, BillingMonth month, long sequenceNumber, string currencyCode, IEnumerable<InvoiceLine> lines, DateTime postedAt)
    {
        Id = InvoiceId.New();
        AccountId = accountId;
        Year = month.Year;
        Month = month.Month;
        SequenceNumber = sequenceNumber;
        Number = FormatNumber(sequenceNumber);
        CurrencyCode = currencyCode;
        IssuedOn = month.FirstDay;
        PostedAt = postedAt;
        foreach (var line in lines)
        {
            line.AttachTo(Id);
            _lines.Add(line);
        }

        TotalMinor = _lines.Sum(l => l.AmountMinor);
    }

    public InvoiceId Id { get; private set; }
    public AccountId AccountId { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public long SequenceNumber { get; private set; }
    public string Number { get; private set; }
    public string CurrencyCode { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public DateTime PostedAt { get; private set; }
    public InvoiceStatus Status { get; private set; }

    /// <summary>The sum of the rounded lines, in minor units.</summary>
    public long TotalMinor { get; private set; }

    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public BillingMonth Period => new(Year, Month);

    public Money Total => new(TotalMinor, CurrencyCode);

    public static string FormatNumber(long sequenceNumber) => $"INV-{sequenceNumber:D6}";

    public void MarkPaid() => Status = InvoiceStatus.Paid;

    public void MarkPaymentFailed() => Status = InvoiceStatus.PaymentFailed;
}
