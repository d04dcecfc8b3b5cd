namespace MyAccount.Domain.Common;

/// <summary>An ISO 4217 currency with the number of digits of its minor unit.</summary>
public sealed record Currency
{
    private static readonly Dictionary<string, int> MinorDigits = new(StringComparer.Ordinal)
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CAD"] = 2, ["AUD"] = 2, ["CHF"] = 2,
        ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["NZD"] = 2, ["JPY"] = 0, ["KRW"] = 0,
    };

    private Currency(string code, int digits)
    {
        Code = code;
        Digits = digits;
    }

    public string Code { get; }

    /// <summary>Digits after the decimal point of the minor unit (2 for cents, 0 for yen).</summary>
    public int Digits { get; }

    public static IReadOnlyCollection<string> Supported => MinorDigits.Keys;

    public static Currency Usd { get; } = Of("USD");

    public static bool IsSupported(string? code) => code is not null && MinorDigits.ContainsKey(code.Trim().ToUpperInvariant());

    public static Currency Of(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalized = code.Trim().ToUpperInvariant();
        return MinorDigits.TryGetValue(normalized, out var digits)
            ? new Currency(normalized, digits)
            : throw new DomainValidationException("currency", $"'{code}' is not a supported currency ({string.Join(", ", MinorDigits.Keys)}).");
    }

    /// <summary>How many minor units make one major unit (100 for USD).</summary>
    public long MinorPerMajor => Digits switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => throw new InvalidOperationException() };

    public override string ToString() => Code;
}
