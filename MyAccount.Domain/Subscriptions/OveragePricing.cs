using static System.FormattableString;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MyAccount.Domain.Common;

namespace MyAccount.Domain.Subscriptions;

/// <summary>
/// How units above the included volume are priced. Prices are exact decimals in major units and may have more
/// decimals than the currency (0.001); the caller rounds the resulting amount once, with <see cref="Money.FromMajor"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "model")]
[JsonDerivedType(typeof(UnitOverage), "unit")]
[JsonDerivedType(typeof(GraduatedOverage), "graduated")]
[JsonDerivedType(typeof(PackageOverage), "package")]
public abstract record OveragePricing
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The exact price, in major units, of <paramref name="overageUnits"/> units above the allowance.</summary>
    public abstract decimal PriceOf(long overageUnits);

    /// <summary>A one-line description for people, e.g. "USD 0.001 per request".</summary>
    public abstract string Describe(string currencyCode, string unit);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OveragePricing FromJson(string json) =>
        JsonSerializer.Deserialize<OveragePricing>(json, Json) ?? throw new InvalidOperationException("Empty overage pricing.");

    internal static string Price(decimal value, string currencyCode) =>
        $"{currencyCode} {value.ToString("0.00##########", CultureInfo.InvariantCulture)}";

    internal static string Singular(string unit) => unit.EndsWith('s') ? unit[..^1] : unit;
}

/// <summary>One price per unit.</summary>
public sealed record UnitOverage(decimal UnitPrice) : OveragePricing
{
    public override decimal PriceOf(long overageUnits) => overageUnits <= 0 ? 0m : overageUnits * UnitPrice;

    public override string Describe(string currencyCode, string unit) => $"{Price(UnitPrice, currencyCode)} per {Singular(unit)}";
}

/// <summary>A tier of graduated pricing: units up to <see cref="UpTo"/> (cumulative; null = no limit).</summary>
public sealed record PriceTier(long? UpTo, decimal UnitPrice);

/// <summary>Each overage unit is priced at the price of the tier it falls in.</summary>
public sealed record GraduatedOverage(IReadOnlyList<PriceTier> Tiers) : OveragePricing
{
    public override decimal PriceOf(long overageUnits)
    {
        var total = 0m;
        long previousLimit = 0;
        foreach (var tier in Tiers)
        {
            if (overageUnits <= previousLimit)
            {
                break;
            }

            var limit = tier.UpTo ?? long.MaxValue;
            var unitsInTier = Math.Min(overageUnits, limit) - previousLimit;
            total += unitsInTier * tier.UnitPrice;
            previousLimit = limit;
        }

        return total;
    }

    public override string Describe(string currencyCode, string unit)
    {
        long previous = 0;
        var parts = new List<string>();
        foreach (var tier in Tiers)
        {
            parts.Add(tier.UpTo is { } upTo
                ? Invariant($"{previous + 1:N0}–{upTo:N0}: {Price(tier.UnitPrice, currencyCode)}")
                : Invariant($"above {previous:N0}: {Price(tier.UnitPrice, currencyCode)}"));
            previous = tier.UpTo ?? previous;
        }

        return $"per {Singular(unit)}, graduated — {string.Join("; ", parts)}";
    }

    public bool Equals(GraduatedOverage? other) => other is not null && Tiers.SequenceEqual(other.Tiers);

    public override int GetHashCode() => Tiers.Aggregate(0, (hash, tier) => HashCode.Combine(hash, tier));
}

/// <summary>A price per started block of <see cref="PackageSize"/> units: 101 units at 100 per package = 2 packages.</summary>
public sealed record PackageOverage(long PackageSize, decimal PackagePrice) : OveragePricing
{
    public override decimal PriceOf(long overageUnits) =>
        overageUnits <= 0 ? 0m : ((overageUnits + PackageSize - 1) / PackageSize) * PackagePrice;

    public override string Describe(string currencyCode, string unit) =>
        Invariant($"{Price(PackagePrice, currencyCode)} per started {PackageSize:N0} {unit}");
}
