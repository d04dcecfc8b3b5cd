using MyAccount.Domain.Common;

namespace MyAccount.Domain.Subscriptions;

/// <summary>The terms of a subscription: monthly fee (minor units), included volume per month, overage pricing.</summary>
public sealed record SubscriptionPlan(long MonthlyFeeMinor, long IncludedVolume, OveragePricing Overage)
{
    public static SubscriptionPlan Create(Money monthlyFee, long includedVolume, OveragePricing overage)
    {
        if (monthlyFee.Minor < 0)
        {
            throw new DomainValidationException("monthlyFee", "The monthly fee cannot be negative.");
        }

        InputLimits.Price(monthlyFee.Major, InputLimits.MaxAmountMajor, "monthlyFee");
        if (includedVolume < 0)
        {
            throw new DomainValidationException("includedVolume", "The included volume cannot be negative.");
        }

        InputLimits.Volume(includedVolume, "includedVolume");

        OverageRules.Validate(overage);
        return new SubscriptionPlan(monthlyFee.Minor, includedVolume, overage);
    }
}

internal static class OverageRules
{
    public static void Validate(OveragePricing overage)
    {
        switch (overage)
        {
            case UnitOverage unit when unit.UnitPrice < 0:
                throw new DomainValidationException("overage.unitPrice", "The unit price cannot be negative.");
            case UnitOverage unit:
                InputLimits.Price(unit.UnitPrice, InputLimits.MaxUnitPriceMajor, "overage.unitPrice");
                break;
            case PackageOverage package when package.PackageSize <= 0:
                throw new DomainValidationException("overage.packageSize", "The package size must be at least 1.");
            case PackageOverage package when package.PackagePrice < 0:
                throw new DomainValidationException("overage.packagePrice", "The package price cannot be negative.");
            case PackageOverage package:
                InputLimits.Volume(package.PackageSize, "overage.packageSize", min: 1);
                InputLimits.Price(package.PackagePrice, InputLimits.MaxAmountMajor, "overage.packagePrice");
                break;
            case GraduatedOverage graduated:
                ValidateTiers(graduated.Tiers);
                break;
        }
    }

    private static void ValidateTiers(IReadOnlyList<PriceTier> tiers)
    {
        if (tiers.Count == 0)
        {
            throw new DomainValidationException("overage.tiers", "Graduated pricing needs at least one tier.");
        }

        if (tiers.Count > 20)
        {
            throw new DomainValidationException("overage.tiers", "Graduated pricing has at most 20 tiers.");
        }

        long previous = 0;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            var isLast = i == tiers.Count - 1;
            if (tier.UnitPrice < 0)
            {
                throw new DomainValidationException("overage.tiers", $"Tier {i + 1} has a negative price.");
            }

            InputLimits.Price(tier.UnitPrice, InputLimits.MaxUnitPriceMajor, $"overage.tiers[{i}].unitPrice");
            if (tier.UpTo is { } limit)
            {
                InputLimits.Volume(limit, $"overage.tiers[{i}].upTo", min: 1);
            }

            if (isLast != (tier.UpTo is null))
            {
                throw new DomainValidationException("overage.tiers", "Only the last tier has no upper limit (upTo null), and it must have none.");
            }

            if (tier.UpTo is { } upTo)
            {
                if (upTo <= previous)
                {
                    throw new DomainValidationException("overage.tiers", $"Tier {i + 1} must end above {previous}.");
                }

                previous = upTo;
            }
        }
    }
}
