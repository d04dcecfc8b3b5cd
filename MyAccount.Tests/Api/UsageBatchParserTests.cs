using System.Globalization;
using System.Text;
using System.Text.Json;
using MyAccount.Domain.Usage;
using MyAccount.Web.Api;

namespace MyAccount.Tests.Api;

/// <summary>The usage body reader: every event read as sent, every problem named by index and field, the body's shape checked.</summary>
public sealed class UsageBatchParserTests
{
    private const string Account = "6f1c2b1e-8d5a-4c1e-9b1a-2f3e4d5c6b7a";

    private static (List<UsageEventInput> Events, List<UsageEventError> Errors) Parse(string json) => UsageBatchParser.Parse(Encoding.UTF8.GetBytes(json));

    private static string Event(string fields = "") =>
        $$"""{"id": "e1", "accountId": "{{Account}}", "productCode": "search", "usageType": "query", "quantity": 5, "occurredAt": "2026-11-02T14:00:00Z"{{fields}}}""";

    [Fact]
    public void A_well_formed_event_is_read_field_by_field()
    {
        var (events, errors) = Parse($$"""{"events": [{{Event()}}]}""");

        errors.Should().BeEmpty();
        events.Should().Equal(new UsageEventInput("e1", Account, "search", "query", 5m, new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Escaped_and_non_ascii_strings_are_read_as_sent()
    {
        var (events, _) = Parse("""{"events": [{"id": "q\"b\\s\u00fc\ud83d\ude00 ü", "accountId": null}]}""");

        events.Single().Id.Should().Be("q\"b\\sü😀 ü");
        events.Single().AccountId.Should().BeNull();
    }

    [Theory]
    [InlineData("2026-11-02T14:00:00Z")]
    [InlineData("2026-11-02T14:00Z")]
    [InlineData("2026-11-02T14:00:00.5Z")]
    [InlineData("2026-11-02T14:00:00.1234567Z")]
    [InlineData("2026-11-02T16:00:00+02:00")]
    [InlineData("2026-11-02T09:30:00-04:30")]
    [InlineData("2024-02-29T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-11-02T14:00:00\\u005A")]
    public void Timestamps_with_z_or_an_offset_are_read_to_the_same_instant_as_the_standard_parser(string text)
    {
        var (events, errors) = Parse($$"""{"events": [{"occurredAt": "{{text}}"}]}""");

        errors.Should().BeEmpty();
        var expected = DateTimeOffset.Parse(JsonSerializer.Deserialize<string>($"\"{text}\"")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        events.Single().OccurredAt.Should().Be(expected);
        events.Single().OccurredAt!.Value.UtcDateTime.Should().Be(expected.UtcDateTime);
    }

    [Theory]
    [InlineData("\"2026-11-02T14:00:00\"")]
    [InlineData("\"2026-11-02 14:00:00Z\"")]
    [InlineData("\"2026-02-30T00:00:00Z\"")]
    [InlineData("\"2026-13-01T00:00:00Z\"")]
    [InlineData("\"2026-11-02T24:00:00Z\"")]
    [InlineData("\"2026-11-02T14:60:00Z\"")]
    [InlineData("\"2026-11-02T14:00:61Z\"")]
    [InlineData("\"0000-01-01T00:00:00Z\"")]
    [InlineData("\"+026-11-02T14:00:00Z\"")]
    [InlineData("\"2026-11-0 T14:00:00Z\"")]
    [InlineData("\"2026-11-02t14:00:00z\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    public void Timestamps_without_an_offset_or_impossible_ones_are_refused(string value)
    {
        var (events, errors) = Parse($$"""{"events": [{"occurredAt": {{value}}}]}""");

        events.Single().OccurredAt.Should().BeNull();
        errors.Should().ContainSingle().Which.Should().Be(new UsageEventError(0, "occurredAt",
            "'occurredAt' must be an ISO 8601 timestamp with Z or an offset, e.g. 2026-11-02T14:00:00Z."));
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("1e3", 1000)]
    [InlineData("1.5", 1.5)]
    [InlineData("-1", -1)]
    [InlineData("0", 0)]
    public void Quantities_are_read_as_numbers_and_judged_by_the_domain(string json, decimal expected)
    {
        var (events, errors) = Parse($$"""{"events": [{"quantity": {{json}}}]}""");

        errors.Should().BeEmpty();
        events.Single().Quantity.Should().Be(expected);
    }

    [Theory]
    [InlineData("\"5\"")]
    [InlineData("1e40")]
    [InlineData("true")]
    [InlineData("[5]")]
    [InlineData("{\"value\": 5}")]
    public void A_quantity_that_is_not_a_number_is_named(string json)
    {
        var (events, errors) = Parse($$"""{"events": [{"quantity": {{json}}, "id": "after"}]}""");

        events.Single().Quantity.Should().BeNull();
        events.Single().Id.Should().Be("after", "the rest of the event is still read");
        errors.Should().Equal(new UsageEventError(0, "quantity", "'quantity' must be a whole number."));
    }

    [Fact]
    public void Unknown_fields_come_first_then_each_bad_field_in_field_order()
    {
        var (_, errors) = Parse("""
            {"events": [
              {"occurredAt": 1, "price": {"nested": [1, 2]}, "id": 7, "usageType": ["x"], "accountId": true, "productCode": {}, "quantity": "2", "note": null}
            ]}
            """);

        errors.Should().Equal(
            new UsageEventError(0, "price", "Unknown field 'price'."),
            new UsageEventError(0, "note", "Unknown field 'note'."),
            new UsageEventError(0, "id", "'id' must be a string."),
            new UsageEventError(0, "accountId", "'accountId' must be a string."),
            new UsageEventError(0, "productCode", "'productCode' must be a string."),
            new UsageEventError(0, "usageType", "'usageType' must be a string."),
            new UsageEventError(0, "quantity", "'quantity' must be a whole number."),
            new UsageEventError(0, "occurredAt", "'occurredAt' must be a string."));
    }

    [Fact]
    public void Each_event_is_judged_on_its_own_and_keeps_its_index()
    {
        var (events, errors) = Parse($$"""{"events": [{{Event()}}, 42, [1, {"a": 2}], null, "text", {{Event(", \"extra\": 1")}}, {}]}""");

        events.Should().HaveCount(7);
        events[0].Id.Should().Be("e1");
        events[5].Id.Should().Be("e1");
        events[6].Should().Be(new UsageEventInput(null, null, null, null, null, null), "missing fields are left to the domain to name");
        errors.Should().Equal(
            new UsageEventError(1, "event", "Each event must be an object."),
            new UsageEventError(2, "event", "Each event must be an object."),
            new UsageEventError(3, "event", "Each event must be an object."),
            new UsageEventError(4, "event", "Each event must be an object."),
            new UsageEventError(5, "extra", "Unknown field 'extra'."));
    }

    [Fact]
    public void A_field_sent_twice_is_an_error_not_last_one_wins()
    {
        var (_, errors) = Parse("""{"events": [{"id": "first", "id": "second", "quantity": -1, "quantity": 5}]}""");

        errors.Select(e => (e.Index, e.Field)).Should().Equal((0, "id"), (0, "quantity"));
        errors.Should().OnlyContain(e => e.Message.Contains("appears more than once"));
    }

    [Fact]
    public void A_second_events_array_is_refused_instead_of_replacing_the_first()
    {
        var parse = () => Parse("""{"events": [], "events": []}""");
        parse.Should().Throw<UsageBatchShapeException>().WithMessage("*'events' appears more than once*");
    }

    [Fact]
    public void A_byte_order_mark_and_whitespace_around_the_body_are_fine()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($$"""  {"events": [{{Event()}}]}  """ + "\n")).ToArray();
        UsageBatchParser.Parse(body).Events.Should().ContainSingle();
    }

    [Fact]
    public void An_empty_array_is_read_as_no_events()
    {
        Parse("""{"events": []}""").Events.Should().BeEmpty();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("\"events\"")]
    [InlineData("""{"events": "nope"}""")]
    [InlineData("""{"events": {}}""")]
    [InlineData("""{"events": [], "extra": 1}""")]
    [InlineData("""{"extra": 1, "events": []}""")]
    public void Json_that_is_not_a_usage_batch_is_refused_by_its_shape(string json)
    {
        var parse = () => Parse(json);
        parse.Should().Throw<UsageBatchShapeException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("""{"events": [}""")]
    [InlineData("""{"events": [{"id": "a",}]}""")]
    [InlineData("""{"events": []} trailing""")]
    [InlineData("""{"events": []}{"events": []}""")]
    [InlineData("""{"events": [/* comment */]}""")]
    [InlineData("""{"events": [{"id": "unterminated}]}""")]
    [InlineData("""{"events": [{"id": "\udc00"}]}""")]
    [InlineData("""[1, 2""")]
    public void A_body_that_is_not_json_is_refused_as_malformed(string json)
    {
        var parse = () => Parse(json);
        parse.Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("""{"events": [{"id": "ab__cd"}]}""")]
    [InlineData("""{"events": [{"accountId": "ab__cd"}]}""")]
    [InlineData("""{"events": [{"usageType": "ab__cd"}]}""")]
    [InlineData("""{"events": [{"ab__cd": 1}]}""")]
    [InlineData("""{"ab__cd": 1, "events": []}""")]
    public void Bytes_that_are_not_utf8_are_malformed(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var at = body.AsSpan().IndexOf("__"u8);
        body[at] = 0xC3;
        body[at + 1] = 0x28;
        var parse = () => UsageBatchParser.Parse(body);
        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public void Repeated_account_ids_and_codes_share_one_string_and_keep_their_text()
    {
        var (events, _) = Parse($$"""{"events": [{{Event()}}, {{Event()}}, {"accountId": "other", "productCode": "Search", "usageType": "query\u0020"}]}""");

        events[1].AccountId.Should().BeSameAs(events[0].AccountId);
        events[1].ProductCode.Should().BeSameAs(events[0].ProductCode);
        events[2].Should().BeEquivalentTo(new { AccountId = "other", ProductCode = "Search", UsageType = "query " });
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_malformed_not_a_crash()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var parse = () => Parse($$"""{"events": [{"id": {{deep}}}]}""");
        parse.Should().Throw<JsonException>();
    }
}
