using System.Text.RegularExpressions;
using MyAccount.Domain.Payments;

namespace MyAccount.Domain.Tax;

/// <summary>
/// The countries billing details may name (the card form's countries and every EU member state, ISO 3166 alpha-2), which of them
/// are in the EU, and the format of their VAT IDs (checked offline: no look-up in VIES or elsewhere).
/// </summary>
public static partial class TaxCountries
{
    private static readonly HashSet<string> Eu = new(StringComparer.OrdinalIgnoreCase)
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL",
        "PT", "RO", "SE", "SI", "SK",
    };

    private static readonly (string Code, string Name)[] MoreEu =
    [
        ("BG", "Bulgaria"), ("CY", "Cyprus"), ("CZ", "Czechia"), ("EE", "Estonia"), ("FI", "Finland"), ("GR", "Greece"), ("HR", "Croatia"),
        ("HU", "Hungary"), ("LT", "Lithuania"), ("LU", "Luxembourg"), ("LV", "Latvia"), ("MT", "Malta"), ("PL", "Poland"), ("PT", "Portugal"),
        ("RO", "Romania"), ("SI", "Slovenia"), ("SK", "Slovakia"),
    ];

    /// <summary>The VAT ID after its prefix, per country (the prefix is the country code, EL for Greece, CHE for Switzerland).</summary>
    private static readonly Dictionary<string, (string Prefix, Regex Pattern, string Example)> VatFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AT"] = ("AT", Re("U[0-9]{8}"), "ATU12345678"), ["BE"] = ("BE", Re("[01][0-9]{9}"), "BE0123456789"),
        ["BG"] = ("BG", Re("[0-9]{9,10}"), "BG123456789"), ["CY"] = ("CY", Re("[0-9]{8}[A-Z]"), "CY12345678X"),
        ["CZ"] = ("CZ", Re("[0-9]{8,10}"), "CZ12345678"), ["DE"] = ("DE", Re("[0-9]{9}"), "DE123456789"),
        ["DK"] = ("DK", Re("[0-9]{8}"), "DK12345678"), ["EE"] = ("EE", Re("[0-9]{9}"), "EE123456789"),
        ["ES"] = ("ES", Re("[0-9A-Z][0-9]{7}[0-9A-Z]"), "ESX1234567X"), ["FI"] = ("FI", Re("[0-9]{8}"), "FI12345678"),
        ["FR"] = ("FR", Re("[0-9A-HJ-NP-Z]{2}[0-9]{9}"), "FR12345678901"), ["GR"] = ("EL", Re("[0-9]{9}"), "EL123456789"),
        ["HR"] = ("HR", Re("[0-9]{11}"), "HR12345678901"), ["HU"] = ("HU", Re("[0-9]{8}"), "HU12345678"),
        ["IE"] = ("IE", Re("[0-9][0-9A-Z+*][0-9]{5}[A-W][A-I]?"), "IE1234567WA"), ["IT"] = ("IT", Re("[0-9]{11}"), "IT12345678901"),
        ["LT"] = ("LT", Re("[0-9]{9}|[0-9]{12}"), "LT123456789"), ["LU"] = ("LU", Re("[0-9]{8}"), "LU12345678"),
        ["LV"] = ("LV", Re("[0-9]{11}"), "LV12345678901"), ["MT"] = ("MT", Re("[0-9]{8}"), "MT12345678"),
        ["NL"] = ("NL", Re("[0-9]{9}B[0-9]{2}"), "NL123456789B01"), ["PL"] = ("PL", Re("[0-9]{10}"), "PL1234567890"),
        ["PT"] = ("PT", Re("[0-9]{9}"), "PT123456789"), ["RO"] = ("RO", Re("[1-9][0-9]{1,9}"), "RO1234567890"),
        ["SE"] = ("SE", Re("[0-9]{10}01"), "SE123456789001"), ["SI"] = ("SI", Re("[0-9]{8}"), "SI12345678"),
        ["SK"] = ("SK", Re("[0-9]{10}"), "SK1234567890"),
        ["GB"] = ("GB", Re("[0-9]{9}|[0-9]{12}|GD[0-9]{3}|HA[0-9]{3}"), "GB123456789"),
        ["CH"] = ("CHE", Re("[0-9]{9}(MWST|TVA|IVA)?"), "CHE123456789MWST"), ["NO"] = ("NO", Re("[0-9]{9}(MVA)?"), "NO123456789MVA"),
    };

    /// <summary>Every country billing details may name, by English name.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
        BillingCountries.All.Concat(MoreEu).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    public static bool IsKnown(string? code) => code is not null && All.Any(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    public static bool IsEu(string? code) => code is not null && Eu.Contains(code);

    public static string NameOf(string? code) =>
        All.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase)).Name ?? code ?? "";

    /// <summary>An example VAT ID of the country, for hints; null when VAT IDs of that country are not taken.</summary>
    public static string? VatIdExample(string? country) => country is not null && VatFormats.TryGetValue(country, out var f) ? f.Example : null;

    /// <summary>
    /// The VAT ID in its canonical form (upper case, no spaces, dots or dashes, with the country's prefix; the prefix may be left
    /// out when typing), or null when it does not have the format of <paramref name="country"/>'s VAT IDs.
    /// </summary>
    public static string? NormalizeVatId(string country, string vatId)
    {
        if (!VatFormats.TryGetValue(country, out var format))
        {
            return null;
        }

        var compact = new string(vatId.Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-')).ToArray()).ToUpperInvariant();
        var body = compact.StartsWith(format.Prefix, StringComparison.Ordinal) ? compact[format.Prefix.Length..] : compact;
        return format.Pattern.IsMatch(body) ? format.Prefix + body : null;
    }

    private static Regex Re(string body) => new($"^(?:{body})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
