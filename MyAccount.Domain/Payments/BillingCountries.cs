namespace MyAccount.Domain.Payments;

/// <summary>
/// The countries the card form offers (ISO 3166-1 alpha-2 codes, shown by English name), and the country to start a new billing
/// address with. Names come from this list rather than from <c>RegionInfo</c> so they do not depend on the host's ICU data
/// (invariant-globalization containers have none).
/// </summary>
public static class BillingCountries
{
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"), ("IE", "Ireland"), ("DE", "Germany"), ("FR", "France"),
        ("NL", "Netherlands"), ("BE", "Belgium"), ("ES", "Spain"), ("IT", "Italy"), ("SE", "Sweden"), ("DK", "Denmark"), ("NO", "Norway"),
        ("CH", "Switzerland"), ("AT", "Austria"), ("AU", "Australia"), ("NZ", "New Zealand"), ("JP", "Japan"),
    ];

    /// <summary>The IANA time zones of each listed country (from tzdata's zone.tab, plus the old US/ and Canada/ aliases).</summary>
    private static readonly Dictionary<string, string> CountryOfTimeZone = new[]
        {
            ("US", "America/New_York America/Detroit America/Kentucky/Louisville America/Kentucky/Monticello America/Indiana/Indianapolis "
                   + "America/Indiana/Vincennes America/Indiana/Winamac America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay "
                   + "America/Chicago America/Indiana/Tell_City America/Indiana/Knox America/Menominee America/North_Dakota/Center "
                   + "America/North_Dakota/New_Salem America/North_Dakota/Beulah America/Denver America/Boise America/Phoenix America/Los_Angeles "
                   + "America/Anchorage America/Juneau America/Sitka America/Metlakatla America/Yakutat America/Nome America/Adak Pacific/Honolulu "
                   + "US/Eastern US/Central US/Mountain US/Pacific US/Arizona US/Alaska US/Hawaii"),
            ("CA", "America/St_Johns America/Halifax America/Glace_Bay America/Moncton America/Goose_Bay America/Toronto America/Iqaluit "
                   + "America/Winnipeg America/Resolute America/Rankin_Inlet America/Regina America/Swift_Current America/Edmonton "
                   + "America/Cambridge_Bay America/Inuvik America/Dawson_Creek America/Fort_Nelson America/Whitehorse America/Dawson America/Vancouver "
                   + "Canada/Newfoundland Canada/Atlantic Canada/Eastern Canada/Central Canada/Mountain Canada/Pacific"),
            ("GB", "Europe/London"), ("IE", "Europe/Dublin"), ("DE", "Europe/Berlin Europe/Busingen"), ("FR", "Europe/Paris"),
            ("NL", "Europe/Amsterdam"), ("BE", "Europe/Brussels"), ("ES", "Europe/Madrid Africa/Ceuta Atlantic/Canary"), ("IT", "Europe/Rome"),
            ("SE", "Europe/Stockholm"), ("DK", "Europe/Copenhagen"), ("NO", "Europe/Oslo"), ("CH", "Europe/Zurich"), ("AT", "Europe/Vienna"),
            ("AU", "Australia/Lord_Howe Australia/Hobart Australia/Melbourne Australia/Sydney Australia/Broken_Hill Australia/Brisbane "
                   + "Australia/Lindeman Australia/Adelaide Australia/Darwin Australia/Perth Australia/Eucla"),
            ("NZ", "Pacific/Auckland Pacific/Chatham"), ("JP", "Asia/Tokyo"),
        }
        .SelectMany(c => c.Item2.Split(' ').Select(zone => (Zone: zone, Country: c.Item1)))
        .ToDictionary(z => z.Zone, z => z.Country, StringComparer.OrdinalIgnoreCase);

    /// <summary>Currencies used by exactly one listed country. EUR is used by seven of them, so it names none.</summary>
    private static readonly Dictionary<string, string> CountryOfCurrency = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = "US", ["CAD"] = "CA", ["GBP"] = "GB", ["SEK"] = "SE", ["DKK"] = "DK", ["NOK"] = "NO", ["CHF"] = "CH",
        ["AUD"] = "AU", ["NZD"] = "NZ", ["JPY"] = "JP",
    };

    /// <summary>The English name of a listed country, or the code itself for any other.</summary>
    public static string NameOf(string? code) =>
        All.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase)).Name ?? code ?? "";

    /// <summary>
    /// The country a new billing address starts with: the one of the address on file; else the country of the account's time zone
    /// (Europe/Berlin: Germany), which is more precise than its currency; else the only country of its currency (USD: United States);
    /// else none, and the person chooses.
    /// </summary>
    public static string? Suggest(BillingAddress? onFile, string? timeZone, string? currencyCode)
    {
        if (!string.IsNullOrWhiteSpace(onFile?.Country))
        {
            return onFile.Country;
        }

        if (timeZone is not null && CountryOfTimeZone.TryGetValue(timeZone, out var byZone))
        {
            return byZone;
        }

        return currencyCode is not null && CountryOfCurrency.TryGetValue(currencyCode, out var byCurrency) ? byCurrency : null;
    }
}
