using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

/// <summary>An invoice in a list.</summary>
public sealed record InvoiceSummary(InvoiceId Id, string Number, BillingMonth Period, DateOnly IssuedOn, InvoiceStatus Status, string CurrencyCode, long TotalMinor)
{
    public Money Total => new(TotalMinor, CurrencyCode);

    /// <summary>What is still to be paid (0 once paid, for a credit, or when there is nothing to pay).</summary>
    public long AmountDueMinor { get; init; }

    /// <summary>The credit notes issued against it, oldest first.</summary>
    public IReadOnlyList<CreditNoteView> CreditNotes { get; init; } = [];
}

/// <summary>An invoice with its lines grouped per product.</summary>
public sealed record InvoiceDetail(
    InvoiceId Id,
    string Number,
    AccountId AccountId,
    string AccountName,
    BillingMonth Period,
    DateOnly IssuedOn,
    InvoiceStatus Status,
    string CurrencyCode,
    long TotalMinor,
    IReadOnlyList<InvoiceProductSection> Products)
{
    public Money Total => new(TotalMinor, CurrencyCode);

    /// <summary>Products on the previous invoice that this one no longer bills.</summary>
    public IReadOnlyList<string> DroppedProducts { get; init; } = [];

    /// <summary>The previous invoice's number, if any.</summary>
    public string? PreviousNumber { get; init; }

    /// <summary>Lines for the invoice as a whole, after the products: the credit balance applied.</summary>
    public IReadOnlyList<InvoiceLineView> Adjustments { get; init; } = [];

    /// <summary>When it was paid and with which card ("Visa ••4242"), once paid.</summary>
    public DateTime? PaidAt { get; init; }

    public string? PaidWith { get; init; }

    /// <summary>What is still to be paid (0 once paid, for a credit, or when there is nothing to pay).</summary>
    public long AmountDueMinor { get; init; }

    public Money AmountDue => new(AmountDueMinor, CurrencyCode);

    /// <summary>What credit notes credited of the invoice, and what they may still credit.</summary>
    public long CreditedMinor { get; init; }

    public long CreditableMinor { get; init; }

    /// <summary>The credit notes issued against the invoice, oldest first.</summary>
    public IReadOnlyList<CreditNoteView> CreditNotes { get; init; } = [];

    /// <summary>How the invoice is taxed; null when it was posted with tax off (then it shows no VAT at all, as before).</summary>
    public InvoiceTaxView? Tax { get; init; }

    /// <summary>Whom the invoice is addressed to (its billing details when posted), if it had any.</summary>
    public Payments.BillingDetailsInput? Buyer { get; init; }
}

/// <summary>
/// The VAT of an invoice: the net (the lines that bill something), one breakdown line (category, rate, VAT), the gross, the credit
/// applied after VAT and the exemption note (reverse charge).
/// </summary>
public sealed record InvoiceTaxView(string Category, decimal RatePercent, long NetMinor, long TaxMinor, long CreditAppliedMinor, string? SellerVatId, string? ExemptionNote)
{
    public long GrossMinor => NetMinor + TaxMinor;

    /// <summary>"VAT 19 %", "VAT 0 % (reverse charge)", "Not subject to VAT".</summary>
    public string Label => Tax.VatCategory.Describe(Category, RatePercent);
}

/// <summary>One product's part of an invoice and its total.</summary>
public sealed record InvoiceProductSection(ProductId ProductId, string ProductCode, string ProductName, string Unit, long TotalMinor, IReadOnlyList<InvoiceLineView> Lines)
{
    /// <summary>What changed for this product against the account's previous invoice, for people ("New on this invoice", …).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
}

/// <summary>One line: what it is, which days it pays for ([PeriodStart, PeriodEndExclusive)), and its rounded amount.</summary>
public sealed record InvoiceLineView(
    InvoiceLineKind Kind,
    string Description,
    DateOnly PeriodStart,
    DateOnly PeriodEndExclusive,
    long? Quantity,
    string? UnitPrice,
    long AmountMinor,
    long? UsedVolume,
    long? IncludedVolume)
{
    /// <summary>The line's id (credit notes name the lines they credit by it).</summary>
    public long Id { get; init; }

    /// <summary>What credit notes credited of the line so far.</summary>
    public long CreditedMinor { get; init; }
}

/// <summary>The usage behind an invoice's overage: per product and usage type, per day, for the overage month.</summary>
public sealed record InvoiceUsage(string Number, BillingMonth UsagePeriod, IReadOnlyList<ProductUsage> Products);

public sealed record UsageTypeUsage(string UsageType, string Name, long Total, IReadOnlyList<DailyQuantity> Days);

public sealed record DailyQuantity(DateOnly Day, long Quantity);

/// <summary>An account's credit balance (minor units, zero or more) and the credits it is made of, oldest first.</summary>
public sealed record CreditBalance(AccountId AccountId, string CurrencyCode, long BalanceMinor, IReadOnlyList<Billing.CreditLeft> Credits)
{
    public Money Balance => new(BalanceMinor, CurrencyCode);
}

/// <summary>What the next invoice would come to if it were issued now (usage so far, credit balance applied), and when it is issued.</summary>
public sealed record NextInvoiceEstimate(BillingMonth Period, DateOnly IssuedOn, Money Total, Money CreditApplied);
