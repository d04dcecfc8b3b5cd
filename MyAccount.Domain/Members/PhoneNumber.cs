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
        var (e164, problem) = Parse(input, defaultRegion);
        return problem is null ? e164 : throw new DomainValidationException(field, problem);
    }

    /// <summary>Why <paramref name="input"/> is not a phone number (as <see cref="NormalizeOptional"/> reads it), or null when it is one or empty.</summary>
    public static string? Problem(string? input, string defaultRegion = "US") => Parse(input, defaultRegion).Problem;

    private static (string? E164, string? Problem) Parse(string? input, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return (null, null);
        }

        try
        {
            var parsed = Util.Parse(input.Trim(), defaultRegion);
            return Util.IsValidNumber(parsed)
                ? (Util.Format(parsed, PhoneNumberFormat.E164), null)
                : (null, $"'{input.Trim()}' is not a valid phone number.");
        }
        catch (NumberParseException)
        {
            return (null, $"'{input.Trim()}' is not a phone number.");
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
