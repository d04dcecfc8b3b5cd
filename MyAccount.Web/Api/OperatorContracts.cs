namespace MyAccount.Web.Api;

// The operator API's request and response bodies. Field names are a public contract: camelCase on the wire.

public sealed record CreateProductRequest(string? Code, string? Name, string? Unit, List<string>? UsageTypes);

public sealed record CreateAccountRequest(string? Name, string? Currency, string? TimeZone);

public sealed record ProvisionMemberRequest(string? Email, string? Phone, bool CanManageUsers, bool CanManagePayment, List<string>? Products);

public sealed record CreateSubscriptionRequest(string? ProductCode, string? MonthlyFee, long? IncludedVolume, OverageRequest? Overage, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary><c>{model: "unit", unitPrice}</c>, <c>{model: "graduated", tiers}</c> or <c>{model: "package", packageSize, packagePrice}</c>.</summary>
public sealed record OverageRequest(string? Model, string? UnitPrice, List<TierRequest>? Tiers, long? PackageSize, string? PackagePrice);

/// <summary>A graduated tier: cumulative upper limit of overage units (null on the last tier) and its unit price.</summary>
public sealed record TierRequest(long? UpTo, string? UnitPrice);

public sealed record EndSubscriptionRequest(DateOnly? EndsOn);

public sealed record BillingRunRequest(string? Period, Guid? AccountId);

public sealed record CreatedCode(string Code);

public sealed record CreatedId(Guid Id);

public sealed record UsageAccepted(int Accepted, int Duplicates);

public sealed record BillingRunResponse(string Period, int InvoicesPosted, int Skipped, List<BillingFailureResponse> Failed);

/// <summary>An account the run could not bill, and why; a later run for the period bills it once it is fixed.</summary>
public sealed record BillingFailureResponse(Guid AccountId, string Reason);

public sealed record InvoiceListItem(string Number, string Period, DateOnly IssuedOn, string Status, string Currency, long TotalMinor);

public sealed record InvoiceResponse(string Number, Guid AccountId, string Period, DateOnly IssuedOn, string Status, string Currency, long TotalMinor, List<InvoiceProductResponse> Products)
{
    /// <summary>Invoice-level lines after the products: the credit balance applied.</summary>
    public List<InvoiceLineResponse> Adjustments { get; init; } = [];

    /// <summary>What is still to be paid: 0 once paid, for a credit, or when there is nothing to pay.</summary>
    public long AmountDueMinor { get; init; }

    /// <summary>What credit notes credited of the invoice so far, and what they may still credit.</summary>
    public long CreditedMinor { get; init; }

    public long CreditableMinor { get; init; }

    /// <summary>When it was paid, and with what ("Visa ••4242", or a credit note).</summary>
    public DateTime? PaidAt { get; init; }

    public string? PaidWith { get; init; }

    /// <summary>The credit notes issued against it, oldest first.</summary>
    public List<CreditNoteResponse> CreditNotes { get; init; } = [];
    /// <summary>The VAT: null when the invoice was posted with tax off (its total is then the sum of its lines).</summary>
    public InvoiceVatResponse? Vat { get; init; }

    /// <summary>Whom the invoice is addressed to (the account's billing details when it was posted), if it had any.</summary>
    public BillingDetailsResponse? Buyer { get; init; }
}

/// <summary>
/// An invoice's VAT: <c>netMinor</c> (lines that bill something) + <c>taxMinor</c> = <c>grossMinor</c>; the total is the gross
/// plus the credit applied (<c>creditAppliedMinor</c>, zero or negative). Category S, AE (reverse charge) or O.
/// </summary>
public sealed record InvoiceVatResponse(string Category, decimal RatePercent, long NetMinor, long TaxMinor, long GrossMinor, long CreditAppliedMinor, string? ExemptionReason);

/// <summary>
/// An account's billing details. <c>countryCode</c> is ISO 3166 alpha-2; <c>vatId</c> is checked against the country's format and
/// stored without spaces, with its country prefix; <c>buyerReference</c> is e.g. a Leitweg-ID; <c>eInvoicing</c> (optional, default
/// false) attaches the e-invoice to invoice emails and makes the PDF a Factur-X hybrid.
/// </summary>
public sealed record BillingDetailsRequest(string? LegalName, string? AddressLine1, string? AddressLine2, string? PostalCode, string? City, string? CountryCode,
    string? VatId, string? BuyerReference, bool? EInvoicing);

public sealed record BillingDetailsResponse(string? LegalName, string? AddressLine1, string? AddressLine2, string? PostalCode, string? City, string? CountryCode,
    string? VatId, string? BuyerReference, bool EInvoicing)
{
    public static BillingDetailsResponse From(MyAccount.Domain.Payments.BillingDetailsInput d) =>
        new(d.LegalName, d.AddressLine1, d.AddressLine2, d.PostalCode, d.City, d.CountryCode, d.VatId, d.BuyerReference, d.EInvoicing);
}

/// <summary>
/// <c>{"reason", "amountMinor"}</c> or <c>{"reason", "lines": [{"lineId", "amountMinor"}]}</c>, and <c>"settle"</c>: "refund", "balance" or
/// "due" (default: "due" while the invoice awaits payment, else "balance").
/// </summary>
public sealed record CreateCreditNoteRequest(string? Reason, long? AmountMinor, List<CreditNoteLineRequest>? Lines, string? Settle);

/// <summary>A line of the invoice (its <c>lineId</c> from <c>GET /invoices/{number}</c>) and the amount of it to credit.</summary>
public sealed record CreditNoteLineRequest(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(StringOrNumberConverter))] string? LineId,
    long? AmountMinor);

/// <summary>A credit note: what it credits of which invoice, why, and how it is settled (a refund's progress included).</summary>
public sealed record CreditNoteResponse(string Number, string Invoice, Guid AccountId, DateTime IssuedAt, string Reason, string Settle, string Currency,
    long AmountMinor, List<CreditNoteLineResponse> Lines, RefundResponse? Refund);

public sealed record CreditNoteLineResponse(string LineId, string Description, long AmountMinor);

/// <summary>A refund: "pending", "refunded" or "failed", with the gateway's reference once refunded and the reason of a failure.</summary>
public sealed record RefundResponse(string Status, string? Reference, DateTime? RefundedAt, string? Error);

/// <summary>An account's credit balance and what it is made of, oldest first (amounts in minor units).</summary>
public sealed record CreditBalanceResponse(Guid AccountId, string Currency, long BalanceMinor, List<CreditResponse> Credits);

public sealed record CreditResponse(string Invoice, long RemainingMinor);

public sealed record InvoiceProductResponse(string ProductCode, string ProductName, long TotalMinor, List<InvoiceLineResponse> Lines);

/// <summary>
/// A line: <c>periodStart</c> and <c>periodEnd</c> are the first and last day it pays for (both inclusive); <c>lineId</c> names it
/// for credit notes (<c>id</c> is the same), <c>creditedMinor</c> is what credit notes credited of it.
/// </summary>
public sealed record InvoiceLineResponse(string Kind, string Description, DateOnly PeriodStart, DateOnly PeriodEnd, long? Quantity, string? UnitPrice, long AmountMinor)
{
    public string? Id { get; init; }

    public string? LineId => Id;

    public long CreditedMinor { get; init; }
}

public sealed record InvoiceUsageResponse(string Number, string Period, List<ProductUsageResponse> Products);

public sealed record ProductUsageResponse(string ProductCode, string ProductName, string Unit, long Total, List<UsageTypeResponse> UsageTypes);

public sealed record UsageTypeResponse(string UsageType, string Name, long Total, List<DailyQuantityResponse> Days);

public sealed record DailyQuantityResponse(DateOnly Day, long Quantity);
