namespace MyAccount.Domain.Tax;

/// <summary>
/// The vendor as seller on invoices and e-invoices (<c>Vendor:*</c>): name, postal address, country (ISO 3166 alpha-2), VAT ID
/// (empty: not VAT-registered), a legal registration id and the billing contact's email.
/// </summary>
public sealed class VendorDetails
{
    public string Name { get; set; } = "Lumen Software Ltd.";

    public string Street { get; set; } = "100 Harbour Road";

    public string PostalCode { get; set; } = "D02 XY00";

    public string City { get; set; } = "Dublin";

    public string CountryCode { get; set; } = "IE";

    public string? VatId { get; set; }

    /// <summary>The company registration number (EN 16931 BT-30), so a buyer can identify the seller without a VAT ID.</summary>
    public string RegistrationId { get; set; } = "IE-CRO-654321";

    public string Email { get; set; } = "billing@lumen-software.example";

    public bool IsVatRegistered => !string.IsNullOrWhiteSpace(VatId);
}
