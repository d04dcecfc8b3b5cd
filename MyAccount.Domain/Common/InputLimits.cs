using System.Globalization;

namespace MyAccount.Domain.Common;

/// <summary>
/// The largest values the billing engine accepts, documented in the README's "Input limits". Every money and quantity input
/// is checked against these where it enters (API, dashboard); the engine's arithmetic is checked as well, and an account whose
/// invoice still cannot be computed is skipped and reported by the billing run instead of stopping it.
/// </summary>
public static class InputLimits
{
    /// <summary>A monthly fee or a package price, in major units: at most one billion (1,000,000,000.00).</summary>
    public const decimal MaxAmountMajor = 1_000_000_000m;

    /// <summary>A price per unit (unit pricing, graduated tiers), in major units: at most one million.</summary>
    public const decimal MaxUnitPriceMajor = 1_000_000m;

    /// <summary>Decimals a price may have (0.0000000001 is the smallest non-zero unit price).</summary>
    public const int MaxPriceDecimals = 10;

    /// <summary>An included volume, a package size or a tier limit: at most one quadrillion units (10^15).</summary>
    public const long MaxVolume = 1_000_000_000_000_000;

    /// <summary>Names of products, accounts and usage types.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The unit a product counts in ("requests").</summary>
    public const int MaxUnitLength = 50;

    /// <summary>Usage types per product.</summary>
    public const int MaxUsageTypes = 50;

    /// <summary>Products named in one member's access.</summary>
    public const int MaxProductsPerRequest = 100;

    /// <summary>A price as an exact decimal within [0, <paramref name="max"/>] with at most <see cref="MaxPriceDecimals"/> decimals.</summary>
    public static decimal Price(decimal value, decimal max, string field)
    {
        if (value < 0)
        {
            throw new DomainValidationException(field, $"{field} cannot be negative.");
        }

        if (value > max)
        {
            throw new DomainValidationException(field, $"{field} can be at most {max.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        if (value.Scale > MaxPriceDecimals && value != Math.Round(value, MaxPriceDecimals))
        {
            throw new DomainValidationException(field, $"{field} can have at most {MaxPriceDecimals} decimals.");
        }

        return value;
    }

    /// <summary>A volume within [<paramref name="min"/>, <see cref="MaxVolume"/>].</summary>
    public static long Volume(long value, string field, long min = 0)
    {
        if (value < min || value > MaxVolume)
        {
            throw new DomainValidationException(field,
                $"{field} must be a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {MaxVolume.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>A required text, trimmed, of at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? value, int maxLength, string field, string what)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainValidationException(field, $"{what} is required.");
        }

        return trimmed.Length > maxLength
            ? throw new DomainValidationException(field, $"{what} can be at most {maxLength} characters.")
            : trimmed;
    }
}
