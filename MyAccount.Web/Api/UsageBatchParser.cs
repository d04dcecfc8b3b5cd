using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MyAccount.Domain.Usage;

namespace MyAccount.Web.Api;

/// <summary>
/// Reads <c>{events: [...]}</c> in one forward pass over the UTF-8 body (no document tree), so that each bad event is
/// reported by its index and field instead of the whole body failing on the first wrong type.
/// </summary>
public static partial class UsageBatchParser
{
    private const string IdField = "id", AccountField = "accountId", ProductField = "productCode", TypeField = "usageType", QuantityField = "quantity", TimeField = "occurredAt";

    /// <summary>The events, or the errors found while reading them.</summary>
    /// <exception cref="UsageBatchShapeException">The JSON is well formed but is not <c>{"events": [...]}</c>.</exception>
    /// <exception cref="JsonException">The body is not well-formed JSON.</exception>
    public static (List<UsageEventInput> Events, List<UsageEventError> Errors) Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            SkipAll(ref reader);
            throw new UsageBatchShapeException("The body must be an object: {\"events\": [...]}.");
        }

        List<UsageEventInput>? events = null;
        var errors = new List<UsageEventError>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("events"u8))
            {
                var name = Name(ref reader);
                SkipAll(ref reader);
                throw new UsageBatchShapeException($"Unknown field '{name}'.");
            }

            if (events is not null)
            {
                SkipAll(ref reader);
                throw new UsageBatchShapeException("The field 'events' appears more than once: send one 'events' array.");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                SkipAll(ref reader);
                throw new UsageBatchShapeException("The body needs an 'events' array.");
            }

            errors.Clear();
            events = ReadEvents(ref reader, errors, new HashSet<string>(StringComparer.Ordinal));
        }

        // Anything after the closing brace is malformed JSON: the reader throws for it here.
        SkipAll(ref reader);
        return events is null ? throw new UsageBatchShapeException("The body needs an 'events' array.") : (events, errors);
    }

    /// <summary>Reads to the end, so that a body that is not JSON at all is reported as such rather than by its shape.</summary>
    private static void SkipAll(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    /// <param name="repeated">Account ids and codes seen so far: a batch repeats a few of them thousands of times, and each is
    /// kept as one string instead of one per event.</param>
    // The hot loop of the usage API, run once per request: compiled fully optimised at once rather than after tiering notices it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<UsageEventInput> ReadEvents(ref Utf8JsonReader reader, List<UsageEventError> errors, HashSet<string> repeated)
    {
        var events = new List<UsageEventInput>(1_024);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                events.Add(ReadEvent(ref reader, index, errors, repeated));
            }
            else
            {
                reader.Skip();
                errors.Add(new UsageEventError(index, "event", "Each event must be an object."));
                events.Add(new UsageEventInput(null, null, null, null, null, null));
            }

            index++;
        }

        return events;
    }

    private static UsageEventInput ReadEvent(ref Utf8JsonReader reader, int index, List<UsageEventError> errors, HashSet<string> repeated)
    {
        string? id = null, account = null, product = null, type = null;
        decimal? quantity = null;
        DateTimeOffset? occurredAt = null;
        // Each field's error is reported after unknown fields, in field order. A field that appears twice is an error of its own:
        // neither value is taken on trust.
        var fieldErrors = new string?[6];
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldIndex(ref reader);
            if (field >= 0 && (seen & (1 << field)) != 0)
            {
                reader.Read();
                reader.Skip();
                fieldErrors[field] = $"'{FieldNames[field]}' appears more than once in this event.";
                continue;
            }

            if (field >= 0)
            {
                seen |= 1 << field;
            }

            switch (field)
            {
                case 0:
                    id = Text(ref reader, IdField, out fieldErrors[0]);
                    break;
                case 1:
                    account = RepeatedText(ref reader, AccountField, out fieldErrors[1], repeated);
                    break;
                case 2:
                    product = RepeatedText(ref reader, ProductField, out fieldErrors[2], repeated);
                    break;
                case 3:
                    type = RepeatedText(ref reader, TypeField, out fieldErrors[3], repeated);
                    break;
                case 4:
                    quantity = Quantity(ref reader, out fieldErrors[4]);
                    break;
                case 5:
                    occurredAt = Timestamp(ref reader, out fieldErrors[5]);
                    break;
                default:
                    var name = Name(ref reader);
                    reader.Read();
                    reader.Skip();
                    errors.Add(new UsageEventError(index, name, $"Unknown field '{name}'."));
                    break;
            }
        }

        for (var f = 0; f < fieldErrors.Length; f++)
        {
            if (fieldErrors[f] is { } message)
            {
                errors.Add(new UsageEventError(index, FieldNames[f], message));
            }
        }

        return new UsageEventInput(id, account, product, type, quantity, occurredAt);
    }

    private static readonly string[] FieldNames = [IdField, AccountField, ProductField, TypeField, QuantityField, TimeField];

    /// <summary>The position of the current property name in <see cref="FieldNames"/>, or -1 for an unknown field.</summary>
    private static int FieldIndex(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? 0
        : reader.ValueTextEquals("accountId"u8) ? 1
        : reader.ValueTextEquals("productCode"u8) ? 2
        : reader.ValueTextEquals("usageType"u8) ? 3
        : reader.ValueTextEquals("quantity"u8) ? 4
        : reader.ValueTextEquals("occurredAt"u8) ? 5
        : -1;

    /// <summary>Moves to the field's value: a string, or null when it is null or of another type (then with an error).</summary>
    private static string? Text(ref Utf8JsonReader reader, string name, out string? error)
    {
        reader.Read();
        return CurrentText(ref reader, name, out error);
    }

    /// <summary>As <see cref="Text"/>, for a value that repeats across the batch: returns the string already made for it, if any.</summary>
    private static string? RepeatedText(ref Utf8JsonReader reader, string name, out string? error, HashSet<string> repeated)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > 64)
        {
            return CurrentText(ref reader, name, out error);
        }

        if (!System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            throw NotUtf8(name);
        }

        error = null;
        Span<char> chars = stackalloc char[64];
        var length = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        if (repeated.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..length], out var known))
        {
            return known;
        }

        var text = new string(chars[..length]);
        repeated.Add(text);
        return text;
    }

    private static string Name(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException("A field name is not valid UTF-8 text.");
        }
    }

    private static JsonException NotUtf8(string name) => new($"A '{name}' value is not valid UTF-8 text.");

    private static string? CurrentText(ref Utf8JsonReader reader, string name, out string? error)
    {
        error = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                try
                {
                    return reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw NotUtf8(name);
                }

            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                error = $"'{name}' must be a string.";
                return null;
        }
    }

    private static decimal? Quantity(ref Utf8JsonReader reader, out string? error)
    {
        reader.Read();
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var quantity))
        {
            return quantity;
        }

        reader.Skip();
        error = "'quantity' must be a whole number.";
        return null;
    }

    private static DateTimeOffset? Timestamp(ref Utf8JsonReader reader, out string? error)
    {
        reader.Read();
        error = null;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TryParseUtcSeconds(reader.ValueSpan, out var fast))
        {
            return fast;
        }

        var text = CurrentText(ref reader, TimeField, out error);
        if (text is null)
        {
            return null;
        }

        if (!ExplicitOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            error = "'occurredAt' must be an ISO 8601 timestamp with Z or an offset, e.g. 2026-11-02T14:00:00Z.";
            return null;
        }

        return at;
    }

    /// <summary>
    /// The form senders use nearly always, <c>2026-11-02T14:00:00Z</c>, read straight from the bytes. Anything else (fractions,
    /// offsets, an impossible date) goes through the general parser.
    /// </summary>
    private static bool TryParseUtcSeconds(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z'
            || !Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute) || !Number(text.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;

        static bool Number(ReadOnlySpan<byte> digits, out int number) =>
            Utf8Parser.TryParse(digits, out number, out var consumed) && consumed == digits.Length && digits[0] is >= (byte)'0' and <= (byte)'9';
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex ExplicitOffset();
}

/// <summary>Well-formed JSON that is not a usage batch (<c>{"events": [...]}</c>).</summary>
public sealed class UsageBatchShapeException(string message) : Exception(message);
