using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MyAccount.Domain.Usage;

namespace MyAccount.Web.Api;

/// <summary>
/// Reads <c>{events: [...]}</c> by hand, so that each bad event is reported by its index and field instead of the whole
/// body failing on the first wrong type.
/// </summary>
public static partial class UsageBatchParser
{
    private static readonly HashSet<string> EventFields = ["id", "accountId", "productCode", "usageType", "quantity", "occurredAt"];

    /// <summary>The events, or the errors found while reading them. Throws <see cref="JsonException"/> for a body that is not the expected shape.</summary>
    public static (List<UsageEventInput> Events, List<UsageEventError> Errors) Parse(JsonDocument document)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body must be an object: {\"events\": [...]}.");
        }

        JsonElement? eventsElement = null;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            eventsElement = property.Name == "events" ? property.Value : throw new JsonException($"Unknown field '{property.Name}'.");
        }

        if (eventsElement is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new JsonException("The body needs an 'events' array.");
        }

        var events = new List<UsageEventInput>(array.GetArrayLength());
        var errors = new List<UsageEventError>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            events.Add(ParseEvent(item, index, errors));
            index++;
        }

        return (events, errors);
    }

    private static UsageEventInput ParseEvent(JsonElement item, int index, List<UsageEventError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new UsageEventError(index, "event", "Each event must be an object."));
            return new UsageEventInput(null, null, null, null, null, null);
        }

        foreach (var property in item.EnumerateObject().Where(p => !EventFields.Contains(p.Name)))
        {
            errors.Add(new UsageEventError(index, property.Name, $"Unknown field '{property.Name}'."));
        }

        return new UsageEventInput(
            Text(item, "id", index, errors),
            Text(item, "accountId", index, errors),
            Text(item, "productCode", index, errors),
            Text(item, "usageType", index, errors),
            Quantity(item, index, errors),
            Timestamp(item, index, errors));
    }

    private static string? Text(JsonElement item, string name, int index, List<UsageEventError> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new UsageEventError(index, name, $"'{name}' must be a string."));
            return null;
        }

        return value.GetString();
    }

    private static decimal? Quantity(JsonElement item, int index, List<UsageEventError> errors)
    {
        if (!item.TryGetProperty("quantity", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var quantity))
        {
            errors.Add(new UsageEventError(index, "quantity", "'quantity' must be a whole number."));
            return null;
        }

        return quantity;
    }

    private static DateTimeOffset? Timestamp(JsonElement item, int index, List<UsageEventError> errors)
    {
        var text = Text(item, "occurredAt", index, errors);
        if (text is null)
        {
            return null;
        }

        if (!ExplicitOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            errors.Add(new UsageEventError(index, "occurredAt", "'occurredAt' must be an ISO 8601 timestamp with Z or an offset, e.g. 2026-11-02T14:00:00Z."));
            return null;
        }

        return at;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex ExplicitOffset();
}
