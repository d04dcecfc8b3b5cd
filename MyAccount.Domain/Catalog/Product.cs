using MyAccount.Domain.Common;

namespace MyAccount.Domain.Catalog;

/// <summary>One of the vendor's products. Its volume is the sum of the quantities of its usage types.</summary>
public sealed class Product
{
    private readonly List<UsageType> _usageTypes = [];

    private Product()
    {
        Code = Name = Unit = "";
    }

    public Product(string code, string name, string unit, IEnumerable<(string Code, string Name)> usageTypes)
    {
        Id = ProductId.New();
        Code = CatalogCode.Require(code, "code");
        Name = InputLimits.Text(name, InputLimits.MaxNameLength, "name", "A product name");
        Unit = string.IsNullOrWhiteSpace(unit) ? "units" : InputLimits.Text(unit, InputLimits.MaxUnitLength, "unit", "The unit");
        foreach (var (typeCode, typeName) in usageTypes)
        {
            AddUsageType(typeCode, typeName);
        }

        if (_usageTypes.Count == 0)
        {
            throw new DomainValidationException("usageTypes", "A product needs at least one usage type.");
        }
    }

    public ProductId Id { get; private set; }

    /// <summary>The stable code vendor systems use, e.g. <c>search</c>.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>What one unit of volume is called, e.g. "requests".</summary>
    public string Unit { get; private set; }

    public IReadOnlyList<UsageType> UsageTypes => _usageTypes;

    public void AddUsageType(string code, string name)
    {
        var normalized = CatalogCode.Require(code, "usageTypes");
        if (_usageTypes.Any(t => t.Code == normalized))
        {
            throw new DomainValidationException("usageTypes", $"Usage type '{normalized}' is listed twice.");
        }

        if (_usageTypes.Count >= InputLimits.MaxUsageTypes)
        {
            throw new DomainValidationException("usageTypes", $"A product has at most {InputLimits.MaxUsageTypes} usage types.");
        }

        _usageTypes.Add(new UsageType(Id, normalized, string.IsNullOrWhiteSpace(name) ? normalized : InputLimits.Text(name, InputLimits.MaxNameLength, "usageTypes", "A usage type name")));
    }
}

/// <summary>A breakdown of a product's volume shown in the usage detail, e.g. "lookup".</summary>
public sealed class UsageType
{
    private UsageType()
    {
        Code = Name = "";
    }

    internal UsageType(ProductId productId, string code, string name)
    {
        ProductId = productId;
        Code = code;
        Name = name;
    }

    public ProductId ProductId { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
}

internal static class CatalogCode
{
    /// <summary>Codes are lower-case letters, digits, '-' and '_', 1–50 characters.</summary>
    public static string Require(string? code, string field)
    {
        var normalized = code?.Trim().ToLowerInvariant() ?? "";
        if (normalized.Length is 0 or > 50 || !normalized.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new DomainValidationException(field, $"'{code}' is not a valid code: use 1–50 letters, digits, '-' or '_'.");
        }

        return normalized;
    }
}
