namespace MyAccount.Domain.Tax;

/// <summary>How an invoice is taxed: one VAT category and rate for all its lines, and the exemption note when no VAT is charged.</summary>
public sealed record TaxTreatment(string Category, decimal RatePercent)
{
    public string? ExemptionReason => Category switch
    {
        VatCategory.ReverseCharge => VatCategory.ReverseChargeNote,
        VatCategory.NotSubject => VatCategory.NotSubjectNote,
        _ => null,
    };

    public string? ExemptionReasonCode => Category switch
    {
        VatCategory.ReverseCharge => VatCategory.ReverseChargeCode,
        VatCategory.NotSubject => VatCategory.NotSubjectCode,
        _ => null,
    };

    public static TaxTreatment NotSubject { get; } = new(VatCategory.NotSubject, 0m);

    /// <summary>
    /// The VAT rules: O when the vendor is not VAT-registered; AE (reverse charge, 0 %) for a customer with a VAT ID in another EU
    /// country than the vendor's; otherwise S at the customer country's standard rate, or the vendor country's when none is
    /// configured for it. A customer without billing details is taken to be in the vendor's country. Null when tax is off.
    /// </summary>
    public static TaxTreatment? Decide(TaxSettings settings, VendorDetails vendor, string? customerCountry, string? customerVatId)
    {
        if (!settings.Enabled)
        {
            return null;
        }

        if (!vendor.IsVatRegistered)
        {
            return NotSubject;
        }

        var country = string.IsNullOrWhiteSpace(customerCountry) ? vendor.CountryCode : customerCountry;
        if (!string.IsNullOrWhiteSpace(customerVatId) && !string.Equals(country, vendor.CountryCode, StringComparison.OrdinalIgnoreCase)
            && TaxCountries.IsEu(country) && TaxCountries.IsEu(vendor.CountryCode))
        {
            return new TaxTreatment(VatCategory.ReverseCharge, 0m);
        }

        var rate = settings.RateOf(country) ?? settings.RateOf(vendor.CountryCode)
            ?? throw new Common.DomainValidationException("tax", $"No standard VAT rate is configured for {country} or {vendor.CountryCode} (Tax:StandardRates).");
        return new TaxTreatment(VatCategory.Standard, rate);
    }
}
