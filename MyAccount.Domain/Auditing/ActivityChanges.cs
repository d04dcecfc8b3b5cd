using System.Globalization;
using System.Text.Json;
using MyAccount.Domain.Common;

namespace MyAccount.Domain.Auditing;

/// <summary>One field an activity changed, for people: "Products: Search → Search, Maps".</summary>
public sealed record ActivityChange(string Field, string? Before, string? After)
{
    public override string ToString() => (Before, After) switch
    {
        (null, _) => $"{Field}: {After}",
        (_, null) => $"{Field}: {Before}",
        _ => $"{Field}: {Before} → {After}",
    };
}

/// <summary>
/// Turns an audit entry's before and after (JSON) into the fields that changed, with product names instead of ids and
/// amounts in their currency. Both states in full when only one exists (an invitation sent, a member removed); only the
/// fields that differ when both do.
/// </summary>
internal static class ActivityChanges
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "Email",
        ["phone"] = "Phone",
        ["products"] = "Products",
        ["canManageUsers"] = "Manage users",
        ["canManagePayment"] = "Edit payment",
        ["expiresAt"] = "Expires",
        ["brand"] = "Card",
        ["card"] = "Card",
        ["attempt"] = "Attempt",
        ["last4"] = "Last 4 digits",
        ["expiryMonth"] = "Expiry month",
        ["expiryYear"] = "Expiry year",
        ["country"] = "Country",
        ["postalCode"] = "Postal code",
        ["period"] = "Period",
        ["totalMinor"] = "Total",
        ["amountMinor"] = "Amount",
        ["invoice"] = "Invoice",
        ["settle"] = "Settled as",
        ["displayName"] = "Name",
        ["reason"] = "Reason",
    };

    /// <summary>Fields kept out of the log's view: identifiers that mean nothing to people (they stay in the entry).</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "tenantId", "objectId", "currency" };

    public static IReadOnlyList<ActivityChange> Describe(string action, string? before, string? after, IReadOnlyDictionary<Guid, string> productNames)
    {
        try
        {
            return DescribeCore(action, before, after, productNames);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException)
        {
            // An entry of an unexpected shape is shown without its changes rather than breaking the whole log.
            return [];
        }
    }

    private static IReadOnlyList<ActivityChange> DescribeCore(string action, string? before, string? after, IReadOnlyDictionary<Guid, string> productNames)
    {
        var old = Parse(before);
        var @new = Parse(after);
        if (old is null && @new is null)
        {
            return [];
        }

        if (old?.ValueKind != JsonValueKind.Object && @new?.ValueKind != JsonValueKind.Object)
        {
            // A list as a whole: the invoice recipients, a usage alert's thresholds.
            var field = action switch
            {
                "payment.recipients" => "Recipients",
                "alerts.change" => "Thresholds",
                _ => "Value",
            };
            var (b, a) = (Format(field, old, null, productNames), Format(field, @new, null, productNames));
            return b == a ? [] : [new ActivityChange(field, b, a)];
        }

        var names = Properties(@new).Concat(Properties(old)).Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !Hidden.Contains(n)).ToList();
        var changes = new List<ActivityChange>();
        foreach (var name in names)
        {
            var label = Labels.GetValueOrDefault(name) ?? name;
            var b = old is { } o ? Format(name, Property(o, name), o, productNames) : null;
            var a = @new is { } n ? Format(name, Property(n, name), n, productNames) : null;
            if (old is not null && @new is not null && b == a)
            {
                continue;
            }

            changes.Add(new ActivityChange(label, b, a));
        }

        return changes;
    }

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Properties(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } e ? e.EnumerateObject().Select(p => p.Name) : [];

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string Format(string name, JsonElement? value, JsonElement? owner, IReadOnlyDictionary<Guid, string> productNames)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return "—";
        }

        if (string.Equals(name, "products", StringComparison.OrdinalIgnoreCase) && v.ValueKind == JsonValueKind.Array)
        {
            var products = v.EnumerateArray()
                .Select(p => p.ValueKind == JsonValueKind.String && Guid.TryParse(p.GetString(), out var id)
                    ? productNames.GetValueOrDefault(id) ?? "a product no longer offered"
                    : p.ToString())
                .Order(StringComparer.OrdinalIgnoreCase)
                .ToList();
            return products.Count == 0 ? "none" : string.Join(", ", products);
        }

        if ((string.Equals(name, "totalMinor", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "amountMinor", StringComparison.OrdinalIgnoreCase)) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var minor)
            && owner is { } o && Property(o, "currency") is { ValueKind: JsonValueKind.String } currency && Currency.IsSupported(currency.GetString()))
        {
            return new Money(minor, currency.GetString()!).Format();
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            JsonValueKind.Array => v.GetArrayLength() == 0 ? "none" : string.Join(", ", v.EnumerateArray().Select(e => Format(name, e, null, productNames))),
            JsonValueKind.String when v.TryGetDateTime(out var at) && v.GetString()!.Contains('T', StringComparison.Ordinal) =>
                at.ToUniversalTime().ToString("MMM d, yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture),
            JsonValueKind.String when string.Equals(name, "settle", StringComparison.OrdinalIgnoreCase) => v.GetString() switch
            {
                "refund" => "refund to the card",
                "balance" => "credit balance",
                "due" => "less to pay on the invoice",
                var other => other!,
            },
            JsonValueKind.String => v.GetString()!,
            _ => v.GetRawText(),
        };
    }
}
