using MyAccount.Domain.Common;
using MyAccount.Domain.Tax;

namespace MyAccount.Domain.EInvoicing;

/// <summary>EN 16931 BT-3: the document type (UNTDID 1001).</summary>
public enum EInvoiceTypeCode
{
    Invoice = 380,
    CreditNote = 381,
}

/// <summary>A seller or buyer: name, postal address, country, VAT ID (BT-31/BT-48), legal registration id (BT-30) and email (BT-34/BT-49).</summary>
public sealed record EInvoiceParty(
    string Name,
    string? AddressLine1,
    string? AddressLine2,
    string? PostalCode,
    string? City,
    string CountryCode,
    string? VatId,
    string? LegalRegistrationId = null,
    string? Email = null);

/// <summary>
/// One line (BG-25): what it bills, its net amount in minor units (negative for a credit such as unused days) and the days it pays
/// for, both inclusive (BT-134, BT-135). It is written as quantity ±1 at a unit price of the amount's absolute value.
/// </summary>
public sealed record EInvoiceLine(string Name, string? Description, long NetAmountMinor, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>A document-level allowance (BG-20) in the document's VAT category: it lowers the taxable amount.</summary>
public sealed record EInvoiceAllowance(long AmountMinor, string Reason);

/// <summary>A reference to the invoice a credit note corrects (BT-25, BT-26).</summary>
public sealed record PrecedingInvoice(string Number, DateOnly IssueDate);

/// <summary>The VAT breakdown of one category and rate (BG-23).</summary>
public sealed record EInvoiceVatBreakdown(string Category, decimal RatePercent, long TaxableMinor, long TaxMinor, string? ExemptionReason, string? ExemptionReasonCode);

/// <summary>
/// One e-invoice or credit note as EN 16931 sees it, independent of syntax: <see cref="CiiWriter"/> and <see cref="UblWriter"/>
/// each map it to one syntax. Every line shares one VAT treatment (<see cref="Tax"/>); the totals (BG-22) and the VAT breakdown are
/// derived here, with <see cref="VatMath"/>'s one rounding, so they agree with the invoice as posted.
/// </summary>
/// <remarks>
/// The seam for documents other than invoices (credit notes): fill this record — <see cref="TypeCode"/> <see cref="EInvoiceTypeCode.CreditNote"/>,
/// <see cref="Preceding"/> naming the invoice it corrects, its own lines with positive amounts for what is credited — and hand it to the
/// writers. <see cref="EInvoiceDocumentBuilder.ForInvoice"/> shows how an invoice fills it.
/// </remarks>
public sealed record EInvoiceDocument
{
    public required string Number { get; init; }

    public EInvoiceTypeCode TypeCode { get; init; } = EInvoiceTypeCode.Invoice;

    public required DateOnly IssueDate { get; init; }

    public required Currency Currency { get; init; }

    public required EInvoiceParty Seller { get; init; }

    public required EInvoiceParty Buyer { get; init; }

    /// <summary>BT-10: the buyer's reference (a Leitweg-ID for German public buyers).</summary>
    public string? BuyerReference { get; init; }

    public PrecedingInvoice? Preceding { get; init; }

    /// <summary>The VAT category and rate of every line and allowance; <see cref="TaxTreatment.NotSubject"/> without VAT.</summary>
    public required TaxTreatment Tax { get; init; }

    public required IReadOnlyList<EInvoiceLine> Lines { get; init; }

    public IReadOnlyList<EInvoiceAllowance> Allowances { get; init; } = [];

    /// <summary>BT-113: amounts already settled (the credit balance applied), in minor units.</summary>
    public long PrepaidMinor { get; init; }

    /// <summary>BT-22: notes for people.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>BT-20: how it is paid.</summary>
    public string? PaymentTerms { get; init; }

    /// <summary>BT-73/74: the period the document covers (its lines' first and last day).</summary>
    public DateOnly? PeriodStart => Lines.Count == 0 ? null : Lines.Min(l => l.PeriodStart);

    public DateOnly? PeriodEnd => Lines.Count == 0 ? null : Lines.Max(l => l.PeriodEnd);

    /// <summary>BT-106: the sum of the lines' net amounts.</summary>
    public long LineTotalMinor => Lines.Sum(l => l.NetAmountMinor);

    /// <summary>BT-107.</summary>
    public long AllowanceTotalMinor => Allowances.Sum(a => a.AmountMinor);

    /// <summary>BT-109: lines less allowances.</summary>
    public long TaxBasisMinor => LineTotalMinor - AllowanceTotalMinor;

    /// <summary>BG-23: one breakdown, the VAT rounded once on the taxable amount (BR-CO-17).</summary>
    public EInvoiceVatBreakdown Vat => new(Tax.Category, Tax.RatePercent, TaxBasisMinor,
        Tax.Category == VatCategory.Standard ? VatMath.VatMinor(TaxBasisMinor, Tax.RatePercent, Currency) : 0, Tax.ExemptionReason, Tax.ExemptionReasonCode);

    /// <summary>BT-110.</summary>
    public long TaxTotalMinor => Vat.TaxMinor;

    /// <summary>BT-112: the total with VAT (BR-CO-15).</summary>
    public long GrandTotalMinor => TaxBasisMinor + TaxTotalMinor;

    /// <summary>BT-115: what is still to pay (BR-CO-16).</summary>
    public long DuePayableMinor => GrandTotalMinor - PrepaidMinor;
}
