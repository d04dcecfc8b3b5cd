using MyAccount.Domain.Common;
using PhoneNumbers;

namespace MyAccount.Domain.Members;

/// <summary>Phone numbers are parsed with libphonenumber, stored in E.164 and shown in international format.</summary>
public static class PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Returns the E.164 form, or null for an empty input. A number without a leading '+' is read in <paramref name="defaultRegion"/>.</summary>
    public static string? NormalizeOptional(string? input, string defaultRegion = "US", string field = "phone")
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(input.Trim(), defaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                throw new DomainValidationException(field, $"'{input.Trim()}' is not a valid phone number.");
            }

            return Util.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            throw new DomainValidationException(field, $"'{input.Trim()}' is not a phone number.");
        }
    }

    /// <summary>Formats a stored E.164 number for display, e.g. "+1 201-555-0123".</summary>
    public static string Display(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "";
        }

        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
