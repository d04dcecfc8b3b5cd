using MyAccount.Domain.Common;

namespace MyAccount.Domain.Payments;

/// <summary>Checks on what people type into the card form, before anything reaches the gateway.</summary>
public static class PaymentInputRules
{
    private static readonly HashSet<string> PostalCodeRequired = ["US", "CA", "GB", "DE", "FR", "NL", "AU", "IE", "ES", "IT", "SE", "CH", "AT", "BE", "DK", "NO", "JP"];
    private static readonly HashSet<string> RegionRequired = ["US", "CA", "AU"];

    /// <summary>Checks a typed card; every field that is wrong (number, expiry, CVC) is reported at once.</summary>
    public static void ValidateCard(SandboxCardInput card, DateTime now)
    {
        var errors = new Dictionary<string, string>();
        var digits = new string((card.Number ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit) || !Luhn(digits))
        {
            errors["cardNumber"] = "The card number is not valid.";
        }

        if (card.ExpiryMonth is < 1 or > 12 || card.ExpiryYear is < 2000 or > 2100
            || new DateOnly(card.ExpiryYear, card.ExpiryMonth, 1).AddMonths(1) <= DateOnly.FromDateTime(now))
        {
            errors["expiry"] = "The card has expired or the expiry date is not valid.";
        }

        if (card.Cvc is not { Length: 3 or 4 } cvc || !cvc.All(char.IsAsciiDigit))
        {
            errors["cvc"] = "The security code (CVC) has 3 or 4 digits.";
        }

        DomainValidationException.ThrowIfAny(errors);
    }

    /// <summary>The address trimmed, with upper-case country and postal code; every missing or wrong field is reported at once.</summary>
    public static BillingAddress NormalizeAddress(BillingAddress? address)
    {
        if (address is null)
        {
            throw new DomainValidationException("line1", "The billing address is required.");
        }

        var errors = new Dictionary<string, string>();
        var country = address.Country?.Trim().ToUpperInvariant() ?? "";
        var line1 = Required(address.Line1, "line1", "The first address line is required.", errors);
        var city = Required(address.City, "city", "The city is required.", errors);
        var normalized = new BillingAddress(line1, Optional(address.Line2), city, Optional(address.Region), address.PostalCode?.Trim().ToUpperInvariant() ?? "", country);
        if (PostalCodeRequired.Contains(country) && normalized.PostalCode.Length == 0)
        {
            errors["postalCode"] = "The postal code is required for this country.";
        }

        if (RegionRequired.Contains(country) && string.IsNullOrEmpty(normalized.Region))
        {
            errors["region"] = "The state or province is required for this country.";
        }

        if (country.Length != 2 || !country.All(char.IsAsciiLetter))
        {
            errors["country"] = "Choose the country (two-letter code, e.g. US).";
        }

        DomainValidationException.ThrowIfAny(errors);
        return normalized;
    }

    public const int MaxRecipients = 20;

    /// <summary>Invoice recipients: valid addresses, normalised, de-duplicated, sorted; at least one and at most 20.</summary>
    public static IReadOnlyList<string> NormalizeRecipients(IEnumerable<string> emails)
    {
        var normalized = emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => Members.EmailAddress.Normalize(e, "recipients")).Distinct().Order().ToList();
        return normalized.Count switch
        {
            0 => throw new DomainValidationException("recipients", "Add at least one email address to receive the monthly invoices."),
            > MaxRecipients => throw new DomainValidationException("recipients", $"At most {MaxRecipients} invoice recipients."),
            _ => normalized,
        };
    }

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private static string Required(string? value, string field, string message, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = message;
            return "";
        }

        return value.Trim();
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
