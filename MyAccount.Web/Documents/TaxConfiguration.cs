using MyAccount.Domain.Tax;

namespace MyAccount.Web.Documents;

/// <summary>
/// Reads <c>Tax:*</c> and <c>Vendor:*</c> into the domain's settings and refuses to start on a configuration that would post wrong
/// invoices: tax on without the vendor's country, a malformed vendor VAT ID, or a negative or unreasonable rate.
/// </summary>
public static class TaxConfiguration
{
    public static void AddMyAccountTax(IServiceCollection services, IConfiguration configuration)
    {
        var tax = new TaxSettings { Enabled = configuration.GetValue("Tax:Enabled", false) };
        foreach (var rate in configuration.GetSection("Tax:StandardRates").GetChildren())
        {
            if (!decimal.TryParse(rate.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var percent)
                || percent is < 0 or >= 100 || rate.Key.Length != 2)
            {
                throw new InvalidOperationException($"Tax:StandardRates:{rate.Key} = '{rate.Value}' is not a VAT rate in percent (0 to 99.99) of a two-letter country code.");
            }

            tax.StandardRates[rate.Key.ToUpperInvariant()] = percent;
        }

        var vendor = configuration.GetSection("Vendor").Get<VendorDetails>() ?? new VendorDetails();
        vendor.CountryCode = vendor.CountryCode?.Trim().ToUpperInvariant() ?? "";
        if (!TaxCountries.IsKnown(vendor.CountryCode))
        {
            throw new InvalidOperationException($"Vendor:CountryCode '{vendor.CountryCode}' is not an ISO 3166 alpha-2 code of a known country.");
        }

        if (!string.IsNullOrWhiteSpace(vendor.VatId))
        {
            vendor.VatId = TaxCountries.NormalizeVatId(vendor.CountryCode, vendor.VatId)
                           ?? throw new InvalidOperationException($"Vendor:VatId '{vendor.VatId}' is not a VAT ID of {vendor.CountryCode}.");
        }
        else
        {
            vendor.VatId = null;
        }

        if (tax.Enabled && vendor.IsVatRegistered && tax.RateOf(vendor.CountryCode) is null)
        {
            throw new InvalidOperationException($"Tax is enabled but Tax:StandardRates has no rate for the vendor's country {vendor.CountryCode}.");
        }

        services.AddSingleton(tax);
        services.AddSingleton(vendor);
    }
}
