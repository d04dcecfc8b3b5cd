namespace MyAccount.Domain.Tax;

/// <summary>
/// VAT by configuration (<c>Tax:Enabled</c>, <c>Tax:StandardRates:DE = 19</c>, …). Off by default: invoices then carry no VAT
/// and every billing rule is exactly as without it. Rates are data, per customer country, in percent.
/// </summary>
public sealed class TaxSettings
{
    public bool Enabled { get; set; }

    /// <summary>The standard VAT rate in percent per ISO 3166 alpha-2 country code.</summary>
    public Dictionary<string, decimal> StandardRates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The standard rate of <paramref name="countryCode"/>, or null when none is configured.</summary>
    public decimal? RateOf(string? countryCode) =>
        countryCode is not null && StandardRates.TryGetValue(countryCode, out var rate) ? rate : null;
}
