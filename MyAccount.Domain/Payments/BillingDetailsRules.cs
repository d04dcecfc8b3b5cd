using MyAccount.Domain.Common;
using MyAccount.Domain.Tax;

namespace MyAccount.Domain.Payments;

/// <summary>Checks billing details: every missing, over-long or malformed field is reported at once, with its field name.</summary>
public static class BillingDetailsRules
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLineLength = 200;
    public const int MaxPostalCodeLength = 20;
    public const int MaxCityLength = 100;
    public const int MaxBuyerReferenceLength = 100;

    /// <summary>The details trimmed, the country upper-case and the VAT ID in its canonical form; or every problem at once.</summary>
    public static BillingDetailsInput Normalize(BillingDetailsInput? input)
    {
        if (input is null)
        {
            throw new DomainValidationException("legalName", "The billing details are required.");
        }

        var errors = new List<KeyValuePair<string, string>>();
        var legalName = Text(input.LegalName, MaxNameLength, "legalName", "The legal name", required: true, errors);
        var line1 = Text(input.AddressLine1, MaxAddressLineLength, "addressLine1", "The first address line", required: true, errors);
        var line2 = Text(input.AddressLine2, MaxAddressLineLength, "addressLine2", "The second address line", required: false, errors);
        var postalCode = Text(input.PostalCode, MaxPostalCodeLength, "postalCode", "The postal code", required: false, errors)?.ToUpperInvariant();
        var city = Text(input.City, MaxCityLength, "city", "The city", required: true, errors);
        var country = input.CountryCode?.Trim().ToUpperInvariant() ?? "";
        if (country.Length == 0)
        {
            errors.Add(new("countryCode", "The country is required."));
        }
        else if (!TaxCountries.IsKnown(country))
        {
            errors.Add(new("countryCode", $"'{Shorten(country)}' is not a country we bill to: use an ISO 3166 alpha-2 code such as DE or FR."));
        }
        else if (postalCode is null && country != "IE" && errors.All(e => e.Key != "postalCode"))
        {
            errors.Add(new("postalCode", "The postal code is required for this country."));
        }

        var buyerReference = Text(input.BuyerReference, MaxBuyerReferenceLength, "buyerReference", "The buyer reference", required: false, errors);
        string? vatId = null;
        if (!string.IsNullOrWhiteSpace(input.VatId))
        {
            if (input.VatId.Length > 30)
            {
                errors.Add(new("vatId", "The VAT ID can be at most 30 characters."));
            }
            else if (TaxCountries.IsKnown(country))
            {
                vatId = TaxCountries.NormalizeVatId(country, input.VatId);
                if (vatId is null)
                {
                    errors.Add(new("vatId", TaxCountries.VatIdExample(country) is { } example
                        ? $"This is not a VAT ID of {TaxCountries.NameOf(country)}: it looks like {example}."
                        : $"VAT IDs are taken for European countries only; leave it empty for {TaxCountries.NameOf(country)}."));
                }
            }
        }

        DomainValidationException.ThrowIfAny(errors);
        return new BillingDetailsInput(legalName, line1, line2, postalCode, city, country, vatId, buyerReference, input.EInvoicing);
    }

    private static string? Text(string? value, int max, string field, string what, bool required, List<KeyValuePair<string, string>> errors)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            if (required)
            {
                errors.Add(new(field, $"{what} is required."));
            }

            return null;
        }

        if (trimmed.Length > max)
        {
            errors.Add(new(field, $"{what} can be at most {max} characters."));
            return null;
        }

        if (trimmed.Any(char.IsControl))
        {
            errors.Add(new(field, $"{what} cannot contain line breaks or control characters."));
            return null;
        }

        return trimmed;
    }

    private static string Shorten(string value) => value.Length > 10 ? value[..10] + "…" : value;
}
