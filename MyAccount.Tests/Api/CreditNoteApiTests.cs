using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MyAccount.Tests.Api;

/// <summary>Credit notes through the operator API: issued by line and by amount, listed on the invoice, and every refusal.</summary>
public sealed class CreditNoteApiTests(OperatorApiFactory app) : IClassFixture<OperatorApiFactory>
{
    private readonly HttpClient _api = app.Operator();

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, object body)
    {
        var response = await _api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
    }

    private async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await _api.GetStringAsync(path))!;

    /// <summary>An account billed this month: one product at 200.00 and one at 35.10 (235.10), unpaid (no card).</summary>
    private async Task<string> UnpaidInvoiceAsync()
    {
        var month = app.CurrentMonth;
        var account = (string)(await PostAsync("/api/v1/accounts", new { name = $"Customer {Guid.NewGuid():N}", currency = "EUR" })).Body["id"]!;
        foreach (var (fee, name) in new[] { ("200.00", "Search API"), ("35.10", "Maps API") })
        {
            var code = $"p{Guid.NewGuid():N}"[..12];
            (await PostAsync("/api/v1/products", new { code, name, unit = "requests", usageTypes = new[] { "call" } })).Status.Should().Be(HttpStatusCode.Created);
            (await PostAsync($"/api/v1/accounts/{account}/subscriptions", new
            {
                productCode = code, monthlyFee = fee, includedVolume = 1000, overage = new { model = "unit", unitPrice = "0.01" },
                startsOn = month.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            })).Status.Should().Be(HttpStatusCode.Created);
        }

        (await PostAsync("/api/v1/billing/runs", new { period = month.ToString(), accountId = account })).Status.Should().Be(HttpStatusCode.OK);
        return (string)(await GetAsync($"/api/v1/accounts/{account}/invoices")).AsArray().Single()!["number"]!;
    }

    [Fact]
    public async Task Credit_notes_by_line_and_by_amount_lower_the_amount_due_and_are_listed_on_the_invoice()
    {
        var number = await UnpaidInvoiceAsync();
        var invoice = await GetAsync($"/api/v1/invoices/{number}");
        invoice["amountDueMinor"]!.GetValue<long>().Should().Be(235_10);
        invoice["creditNotes"]!.AsArray().Should().BeEmpty();
        var maps = invoice["products"]!.AsArray().Single(p => (string)p!["productName"]! == "Maps API")!["lines"]![0]!;
        var lineId = (string)maps["lineId"]!;
        ((string)maps["id"]!).Should().Be(lineId);

        var (status, note) = await PostAsync($"/api/v1/invoices/{number}/credit-notes",
            new { reason = "Maps was down for two days", lines = new[] { new { lineId, amountMinor = 2_34 } }, settle = "due" });
        status.Should().Be(HttpStatusCode.Created, note.ToJsonString());
        var noteNumber = (string)note["number"]!;
        noteNumber.Should().MatchRegex("^CN-[0-9]{6}$");
        note["invoice"]!.GetValue<string>().Should().Be(number);
        note["settle"]!.GetValue<string>().Should().Be("due");
        note["amountMinor"]!.GetValue<long>().Should().Be(2_34);
        note["currency"]!.GetValue<string>().Should().Be("EUR");
        note["lines"]!.ToJsonString().Should().Be($$"""[{"lineId":"{{lineId}}","description":"{{(string)maps["description"]!}}","amountMinor":234}]""");
        note["refund"].Should().BeNull();

        // The line id may also be given as a number; no settle on an unpaid invoice means "due".
        var (byAmount, second) = await PostAsync($"/api/v1/invoices/{number}/credit-notes", new { reason = "Goodwill", amountMinor = 100_00 });
        byAmount.Should().Be(HttpStatusCode.Created, second.ToJsonString());
        second["settle"]!.GetValue<string>().Should().Be("due");
        var (numeric, third) = await PostAsync($"/api/v1/invoices/{number}/credit-notes",
            new { reason = "Maps again", lines = new[] { new { lineId = long.Parse(lineId, System.Globalization.CultureInfo.InvariantCulture), amountMinor = 1 } } });
        numeric.Should().Be(HttpStatusCode.Created, third.ToJsonString());

        var after = await GetAsync($"/api/v1/invoices/{number}");
        after["totalMinor"]!.GetValue<long>().Should().Be(235_10);
        after["amountDueMinor"]!.GetValue<long>().Should().Be(235_10 - 2_34 - 100_00 - 1);
        after["creditedMinor"]!.GetValue<long>().Should().Be(2_34 + 100_00 + 1);
        after["creditNotes"]!.AsArray().Select(n => (string)n!["number"]!).Should().Equal(noteNumber, (string)second["number"]!, (string)third["number"]!);
        after["products"]!.AsArray().Single(p => (string)p!["productName"]! == "Maps API")!["lines"]![0]!["creditedMinor"]!.GetValue<long>().Should().Be(2_35);

        (await GetAsync($"/api/v1/credit-notes/{noteNumber}"))["reason"]!.GetValue<string>().Should().Be("Maps was down for two days");
    }

    [Fact]
    public async Task Paying_off_the_whole_amount_due_by_credit_notes_marks_the_invoice_paid()
    {
        var number = await UnpaidInvoiceAsync();

        var (status, _) = await PostAsync($"/api/v1/invoices/{number}/credit-notes", new { reason = "Billed by mistake", amountMinor = 235_10, settle = "due" });

        status.Should().Be(HttpStatusCode.Created);
        var invoice = await GetAsync($"/api/v1/invoices/{number}");
        invoice["status"]!.GetValue<string>().Should().Be("paid");
        invoice["amountDueMinor"]!.GetValue<long>().Should().Be(0);
        invoice["creditableMinor"]!.GetValue<long>().Should().Be(0);
    }

    [Theory]
    [InlineData("""{"reason":"Too much","amountMinor":23511,"settle":"due"}""", "amountMinor", "can be credited at most EUR 235.10 more")]
    [InlineData("""{"reason":"Both","amountMinor":100,"lines":[{"lineId":"1","amountMinor":1}]}""", "amountMinor", "Give either amountMinor or lines, not both.")]
    [InlineData("""{"reason":"Neither"}""", "amountMinor", "Give either amountMinor (an amount of the invoice) or lines (amounts of its lines).")]
    [InlineData("""{"amountMinor":100}""", "reason", "A reason is required: it is printed on the credit note.")]
    [InlineData("""{"reason":"Refund","amountMinor":100,"settle":"refund"}""", "settle", "is not paid, so there is nothing to refund")]
    [InlineData("""{"reason":"Cash","amountMinor":100,"settle":"cash"}""", "settle", "Unknown settle 'cash': use \"refund\", \"balance\" or \"due\".")]
    [InlineData("""{"reason":"No line","lines":[{"lineId":"abc","amountMinor":1}]}""", "lines[0].lineId", "lines[0].lineId is required")]
    [InlineData("""{"reason":"No amount","lines":[{"lineId":"1"}]}""", "lines[0].amountMinor", "lines[0].amountMinor is required (in minor units).")]
    [InlineData("""{"reason":"Null line","lines":[null]}""", "lines[0]", "lines[0] must be an object")]
    [InlineData("""{"reason":"Other invoice's line","lines":[{"lineId":"999999999","amountMinor":1}]}""", "lines[0].lineId", "has no line 999999999")]
    public async Task A_bad_request_is_refused_with_the_field_and_why_and_changes_nothing(string body, string field, string message)
    {
        var number = await UnpaidInvoiceAsync();

        var response = await _api.PostAsync($"/api/v1/invoices/{number}/credit-notes", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, problem.ToJsonString());
        problem["errors"]![field]!.AsArray().Select(e => (string)e!).Should().ContainSingle().Which.Should().Contain(message);
        var invoice = await GetAsync($"/api/v1/invoices/{number}");
        invoice["amountDueMinor"]!.GetValue<long>().Should().Be(235_10);
        invoice["creditNotes"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_invoices_and_credit_notes_are_not_found_and_the_api_needs_its_key()
    {
        var number = await UnpaidInvoiceAsync();

        (await PostAsync("/api/v1/invoices/INV-999999/credit-notes", new { reason = "x", amountMinor = 1 })).Status.Should().Be(HttpStatusCode.NotFound);
        (await _api.GetAsync("/api/v1/credit-notes/CN-999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync($"/api/v1/invoices/{number}/credit-notes", new { reason = "x", amountMinor = 1 })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PostAsync($"/api/v1/invoices/{number}/credit-notes", new { reason = "x", amountMinor = 1, extra = true })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await GetAsync($"/api/v1/invoices/{number}"))["creditNotes"]!.AsArray().Should().BeEmpty();
    }
}
