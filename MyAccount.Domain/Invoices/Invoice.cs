using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

public enum InvoiceStatus
{
    Open = 0,
    Paid = 1,
    PaymentFailed = 2,

    /// <summary>Every scheduled retry failed: the account must pay or update its card.</summary>
    PastDue = 3,

    /// <summary>The lines sum below zero: nothing to pay, and the amount is the account's credit balance for later invoices.</summary>
    Credit = 4,

    /// <summary>The lines (credit applied included) sum to zero: nothing is charged.</summary>
    NothingToPay = 5,
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

    /// <param name="tax">How the invoice is taxed; null when tax is off (no VAT: the total is the sum of the lines, as always).</param>
    public Invoice(AccountId accountId, BillingMonth month, long sequenceNumber, string currencyCode, IEnumerable<InvoiceLine> lines, DateTime postedAt,
        Tax.TaxTreatment? tax = null)
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
        NextChargeAt = postedAt;
        foreach (var line in lines)
        {
            line.AttachTo(Id);
            _lines.Add(line);
        }

        if (tax is not null)
        {
            VatCategory = tax.Category;
            VatRate = tax.RatePercent;
            TaxMinor = Tax.VatMath.VatMinor(NetMinor, tax.RatePercent, Common.Currency.Of(currencyCode));
        }

        TotalMinor = checked(_lines.Sum(l => l.AmountMinor) + TaxMinor);
        if (TotalMinor <= 0)
        {
            SettleWithoutPayment();
        }
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

    /// <summary>
    /// What the invoice charges, in minor units: the sum of the rounded lines plus the VAT (the gross), less the credit applied.
    /// Without VAT (tax off), the sum of the rounded lines.
    /// </summary>
    public long TotalMinor { get; private set; }

    /// <summary>The VAT category of every line (EN 16931: S, AE or O); null when the invoice was posted with tax off.</summary>
    public string? VatCategory { get; private set; }

    /// <summary>The VAT rate in percent of <see cref="VatCategory"/>; null with tax off.</summary>
    public decimal? VatRate { get; private set; }

    /// <summary>The VAT of the invoice: its net amount × rate, rounded once at invoice level (EN 16931 BR-CO-17); 0 with tax off.</summary>
    public long TaxMinor { get; private set; }

    /// <summary>The sum of the lines that bill something (every line but the credit applied): the net amount VAT is computed on.</summary>
    public long NetMinor => _lines.Where(l => l.Kind != InvoiceLineKind.CreditApplied).Sum(l => l.AmountMinor);

    /// <summary>The net amount plus VAT, before any credit is applied.</summary>
    public long GrossMinor => NetMinor + TaxMinor;

    /// <summary>The credit balance applied (zero or negative): settled like a prepayment, after VAT.</summary>
    public long CreditAppliedMinor => _lines.Where(l => l.Kind == InvoiceLineKind.CreditApplied).Sum(l => l.AmountMinor);

    /// <summary>The customer as the invoice was addressed when posted (its billing details then); null when it had none.</summary>
    public Payments.BillingDetailsInput? Buyer => BuyerLegalName is null
        ? null
        : new(BuyerLegalName, BuyerAddressLine1, BuyerAddressLine2, BuyerPostalCode, BuyerCity, BuyerCountryCode, BuyerVatId, BuyerReference);

    public string? BuyerLegalName { get; private set; }
    public string? BuyerAddressLine1 { get; private set; }
    public string? BuyerAddressLine2 { get; private set; }
    public string? BuyerPostalCode { get; private set; }
    public string? BuyerCity { get; private set; }
    public string? BuyerCountryCode { get; private set; }
    public string? BuyerVatId { get; private set; }
    public string? BuyerReference { get; private set; }

    /// <summary>The vendor's VAT ID and country when the invoice was posted (null VAT ID: not VAT-registered, or tax off).</summary>
    public string? SellerVatId { get; private set; }
    public string? SellerCountryCode { get; private set; }

    /// <summary>Records, when posting, whom the invoice is addressed to and the vendor's VAT registration: posted invoices keep them.</summary>
    public Invoice AddressedTo(Payments.BillingDetailsInput? buyer, string? sellerVatId, string? sellerCountryCode)
    {
        BuyerLegalName = buyer?.LegalName;
        BuyerAddressLine1 = buyer?.AddressLine1;
        BuyerAddressLine2 = buyer?.AddressLine2;
        BuyerPostalCode = buyer?.PostalCode;
        BuyerCity = buyer?.City;
        BuyerCountryCode = buyer?.CountryCode;
        BuyerVatId = buyer?.VatId;
        BuyerReference = buyer?.BuyerReference;
        SellerVatId = sellerVatId;
        SellerCountryCode = sellerCountryCode;
        return this;
    }

    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public BillingMonth Period => new(Year, Month);

    public Money Total => new(TotalMinor, CurrencyCode);

    public static string FormatNumber(long sequenceNumber) => $"INV-{sequenceNumber:D6}";

    /// <summary>
    /// The volume included for a product in a service month as this invoice billed it: the sum of the (prorated) allowances
    /// carried by its lines for that month, one overage or late-usage line per subscription. Null when no line carries one,
    /// or when nothing is included.
    /// </summary>
    public long? IncludedVolumeFor(ProductId productId, BillingMonth serviceMonth)
    {
        var allowances = _lines.Where(l => l.ProductId == productId && l.ServicePeriod == serviceMonth && l.IncludedVolume is not null)
            .Select(l => l.IncludedVolume!.Value)
            .ToList();
        return allowances.Sum() is > 0 and var included ? included : null;
    }

    /// <summary>When the card on file should next be charged; null when nothing is scheduled (paid, past due, or no card).</summary>
    public DateTime? NextChargeAt { get; private set; }

    /// <summary>How many charges failed so far.</summary>
    public int FailedCharges { get; private set; }

    public DateTime? PaidAt { get; private set; }

    public string? LastPaymentError { get; private set; }

    /// <summary>Failed charges are retried 3, 5 and 7 days after the failure before it before the invoice is past due.</summary>
    public static IReadOnlyList<TimeSpan> RetryDelays { get; } = [TimeSpan.FromDays(3), TimeSpan.FromDays(5), TimeSpan.FromDays(7)];

    /// <summary>The statuses of an invoice still to be paid; queries filter on them (<c>AwaitingPayment.Contains(i.Status)</c>).</summary>
    public static IReadOnlyList<InvoiceStatus> AwaitingPayment { get; } = [InvoiceStatus.Open, InvoiceStatus.PaymentFailed, InvoiceStatus.PastDue];

    public bool AwaitsPayment => AwaitingPayment.Contains(Status);

    /// <summary>The sum of the credit notes issued against the invoice, however they were settled.</summary>
    public long CreditedMinor { get; private set; }

    /// <summary>The part of <see cref="CreditedMinor"/> settled by reducing the amount due.</summary>
    public long CreditedDueMinor { get; private set; }

    /// <summary>What credit notes may still credit: the total less what they credited already.</summary>
    public long CreditableMinor => Math.Max(0, TotalMinor - CreditedMinor);

    /// <summary>
    /// Set while a charge's outcome is not recorded: a charger holds the invoice (a 15-minute lease), the gateway is still
    /// processing the charge (<see cref="AwaitGateway"/>), or a charger died holding it (an expired lease: the charger tries again
    /// with the same idempotency key). Meanwhile nothing else may change what is charged: credit notes against the amount due wait.
    /// </summary>
    public DateTime? ChargingUntil { get; private set; }

    /// <summary>What is still to be paid while it awaits payment: the total less the credit notes settled against it; else nothing.</summary>
    public long AmountDueMinor => AwaitsPayment ? TotalMinor - CreditedDueMinor : 0;

    public Money AmountDue => new(AmountDueMinor, CurrencyCode);

    /// <summary>A total of zero or below is never charged: <see cref="InvoiceStatus.NothingToPay"/> or <see cref="InvoiceStatus.Credit"/>.</summary>
    public void SettleWithoutPayment()
    {
        Status = TotalMinor < 0 ? InvoiceStatus.Credit : InvoiceStatus.NothingToPay;
        NextChargeAt = null;
        ChargingUntil = null;
    }

    /// <summary>The card that paid the invoice, for people ("Visa ••4242").</summary>
    public string? PaidWith { get; private set; }

    /// <summary>The gateway's reference of the charge that paid the invoice (for refunds).</summary>
    public string? PaymentReference { get; private set; }

    public void MarkPaid(DateTime at, string? paidWith = null, string? paymentReference = null)
    {
        PaidWith = paidWith ?? PaidWith;
        PaymentReference = paymentReference ?? PaymentReference;
        Status = InvoiceStatus.Paid;
        PaidAt = at;
        NextChargeAt = null;
        ChargingUntil = null;
        LastPaymentError = null;
    }

    public void MarkChargeFailed(DateTime at, string reason)
    {
        FailedCharges++;
        LastPaymentError = reason;
        ChargingUntil = null;
        PaymentReference = null;
        if (FailedCharges <= RetryDelays.Count)
        {
            Status = InvoiceStatus.PaymentFailed;
            NextChargeAt = at + RetryDelays[FailedCharges - 1];
        }
        else
        {
            Status = InvoiceStatus.PastDue;
            NextChargeAt = null;
        }
    }

    /// <summary>
    /// The gateway accepted a charge that is still processing: it is not charged again (a new key could take the money twice) and
    /// its webhook settles the invoice.
    /// </summary>
    public void AwaitGateway(DateTime at, string? paymentReference)
    {
        PaymentReference = paymentReference ?? PaymentReference;
        NextChargeAt = null;
        ChargingUntil = at.AddYears(100); // until the webhook says how it ended
        LastPaymentError = null;
    }

    /// <summary>Awaiting the outcome of a charge the gateway is still processing.</summary>
    public bool AwaitsGateway => AwaitsPayment && PaymentReference is not null;

    /// <summary>No card on file: the invoice stays open until a card is added.</summary>
    public void WaitForCard()
    {
        NextChargeAt = null;
        ChargingUntil = null;
    }

    /// <summary>A new card: charge again soon.</summary>
    public void ChargeAgain(DateTime at) => NextChargeAt = AwaitsPayment ? at : NextChargeAt;
}
