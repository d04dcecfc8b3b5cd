using MyAccount.Domain.Common;

namespace MyAccount.Domain.Payments;

/// <summary>
/// Who an account's invoices are addressed to, for VAT and e-invoices: the legal name, postal address and country, the VAT ID and
/// the buyer reference (the Leitweg-ID German public buyers require), and whether invoice emails carry the e-invoice.
/// </summary>
public sealed class AccountBillingDetails
{
    private AccountBillingDetails()
    {
        LegalName = AddressLine1 = PostalCode = City = CountryCode = UpdatedBy = "";
    }

    public AccountBillingDetails(AccountId accountId, BillingDetailsInput details, DateTime at, string by)
        : this()
    {
        AccountId = accountId;
        Update(details, at, by);
    }

    public AccountId AccountId { get; private set; }
    public string LegalName { get; private set; }
    public string AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string PostalCode { get; private set; }
    public string City { get; private set; }
    public string CountryCode { get; private set; }
    public string? VatId { get; private set; }
    public string? BuyerReference { get; private set; }

    /// <summary>Invoice emails carry the e-invoice (XRechnung UBL) and the PDF is a Factur-X hybrid with the CII embedded.</summary>
    public bool EInvoicing { get; private set; }

    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; }

    /// <summary>Takes details already checked by <see cref="BillingDetailsRules.Normalize"/>.</summary>
    public void Update(BillingDetailsInput details, DateTime at, string by)
    {
        LegalName = details.LegalName ?? "";
        AddressLine1 = details.AddressLine1 ?? "";
        AddressLine2 = details.AddressLine2;
        PostalCode = details.PostalCode ?? "";
        City = details.City ?? "";
        CountryCode = details.CountryCode ?? "";
        VatId = details.VatId;
        BuyerReference = details.BuyerReference;
        EInvoicing = details.EInvoicing;
        UpdatedAt = at;
        UpdatedBy = by;
    }

    public BillingDetailsInput ToInput() => new(LegalName, AddressLine1, AddressLine2, PostalCode, City, CountryCode, VatId, BuyerReference, EInvoicing);
}

/// <summary>Billing details as typed (or as stored, once normalised).</summary>
public sealed record BillingDetailsInput(
    string? LegalName,
    string? AddressLine1,
    string? AddressLine2,
    string? PostalCode,
    string? City,
    string? CountryCode,
    string? VatId,
    string? BuyerReference,
    bool EInvoicing = false);

/// <summary>An account's billing details with when and by whom they last changed.</summary>
public sealed record BillingDetailsView(BillingDetailsInput Details, DateTime UpdatedAt, string UpdatedBy);
