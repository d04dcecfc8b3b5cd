using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Persistence;

namespace MyAccount.Tests.Api;

/// <summary>The operator API end to end: provisioning, usage, a billing run and the invoices, then every refusal.</summary>
public sealed class OperatorApiTests(OperatorApiFactory app) : IClassFixture<OperatorApiFactory>
{
    private readonly HttpClient _api = app.Operator();

    private async Task<JsonNode> PostOk(string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await _api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    private async Task<string> NewAccountAsync(string product)
    {
        var account = (string)(await PostOk("/api/v1/accounts", new { name = $"Customer {Guid.NewGuid():N}", currency = "USD" }))["id"]!;
        await PostOk($"/api/v1/accounts/{account}/subscriptions", new
        {
            productCode = product, monthlyFee = "200.00", includedVolume = 1000,
            overage = new { model = "graduated", tiers = new object[] { new { upTo = 100, unitPrice = "1.00" }, new { upTo = (long?)null, unitPrice = "0.10" } } },
            startsOn = "2026-01-01",
        });
        return account;
    }

    private async Task<string> NewProductAsync()
    {
        var code = $"p{Guid.NewGuid():N}"[..12];
        (await PostOk("/api/v1/products", new { code, name = "Search API", unit = "requests", usageTypes = new[] { "search", "lookup" } }))["code"]!
            .GetValue<string>().Should().Be(code);
        return code;
    }

    [Fact]
    public async Task Provision_send_usage_bill_and_read_the_invoice()
    {
        var product = await NewProductAsync();
        var account = await NewAccountAsync(product);
        var member = await PostOk($"/api/v1/accounts/{account}/members",
            new { email = "First.Admin@Customer.com", phone = "+1 312 555 0100", canManageUsers = true, canManagePayment = true, products = new[] { product } });
        member["id"]!.GetValue<Guid>().Should().NotBeEmpty();

        var usage = await PostOk("/api/v1/usage", new
        {
            events = new object[]
            {
                new { id = "u1", accountId = account, productCode = product, usageType = "search", quantity = 1_000, occurredAt = "2026-10-05T10:00:00Z" },
                new { id = "u2", accountId = account, productCode = product, usageType = "lookup", quantity = 150, occurredAt = "2026-10-06T10:00:00Z" },
                new { id = "u2", accountId = account, productCode = product, usageType = "lookup", quantity = 150, occurredAt = "2026-10-06T10:00:00Z" },
            },
        }, HttpStatusCode.OK);
        usage.ToJsonString().Should().Be("""{"accepted":2,"duplicates":1}""");

        var run = await PostOk("/api/v1/billing/runs", new { period = "2026-11", accountId = account }, HttpStatusCode.OK);
        run.ToJsonString().Should().Be("""{"period":"2026-11","invoicesPosted":1,"skipped":0,"failed":[]}""");
        var again = await PostOk("/api/v1/billing/runs", new { period = "2026-11", accountId = account }, HttpStatusCode.OK);
        again["invoicesPosted"]!.GetValue<int>().Should().Be(0);

        var list = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/accounts/{account}/invoices"))!.AsArray();
        list.Should().ContainSingle();
        var number = (string)list[0]!["number"]!;
        list[0]!["period"]!.GetValue<string>().Should().Be("2026-11");
        list[0]!["status"]!.GetValue<string>().Should().Be("open");
        // Fee 200.00 for November + October's fee, never billed before (the account's first invoice) 200.00
        // + overage: 150 over 1,000 included → 100 × 1.00 + 50 × 0.10 = 105.00.
        list[0]!["totalMinor"]!.GetValue<long>().Should().Be(505_00);

        var invoice = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/invoices/{number}"))!;
        invoice["accountId"]!.GetValue<Guid>().ToString().Should().Be(account);
        invoice["issuedOn"]!.GetValue<string>().Should().Be("2026-11-01");
        var lines = invoice["products"]![0]!["lines"]!.AsArray();
        lines.Select(l => (string)l!["kind"]!).Should().Equal("subscription-fee", "proration-fee", "overage");
        lines.Select(l => (long)l!["amountMinor"]!).Should().Equal(200_00, 200_00, 105_00);
        lines[2]!["periodStart"]!.GetValue<string>().Should().Be("2026-10-01");
        lines[2]!["periodEnd"]!.GetValue<string>().Should().Be("2026-10-31");
        lines[2]!["quantity"]!.GetValue<long>().Should().Be(150);
        invoice["products"]![0]!["totalMinor"]!.GetValue<long>().Should().Be(505_00);

        var detail = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/invoices/{number}/usage"))!;
        detail["period"]!.GetValue<string>().Should().Be("2026-10");
        var types = detail["products"]![0]!["usageTypes"]!.AsArray();
        types.Select(t => ((string)t!["usageType"]!, (long)t["total"]!)).Should().BeEquivalentTo([("search", 1_000L), ("lookup", 150L)]);
        types.Single(t => (string)t!["usageType"]! == "lookup")!["days"]!.ToJsonString().Should().Be("""[{"day":"2026-10-06","quantity":150}]""");
    }

    [Fact]
    public async Task A_credit_invoice_shows_in_the_balance_and_nothing_is_due_on_it()
    {
        var product = await NewProductAsync();
        var account = await NewAccountAsync(product);
        await PostOk("/api/v1/billing/runs", new { period = "2026-10", accountId = account }, HttpStatusCode.OK);
        var october = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/accounts/{account}/invoices"))!.AsArray().Single()!;
        var octoberDetail = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/invoices/{october["number"]}"))!;
        octoberDetail["status"]!.GetValue<string>().Should().Be("open");
        octoberDetail["amountDueMinor"]!.GetValue<long>().Should().Be(400_00, "October's and September's fees, unpaid (no card)");

        // Ended on October 2nd: 1 of 31 days used, 200.00 × 1 / 31 = 6.45 owed of the 200.00 paid in advance → −193.55.
        var subscription = await GetSubscriptionIdAsync(account);
        (await _api.PostAsJsonAsync($"/api/v1/accounts/{account}/subscriptions/{subscription}/end", new { endsOn = "2026-10-02" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await PostOk("/api/v1/billing/runs", new { period = "2026-11", accountId = account }, HttpStatusCode.OK);

        var november = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/accounts/{account}/invoices"))!.AsArray().First()!;
        november["status"]!.GetValue<string>().Should().Be("credit");
        november["totalMinor"]!.GetValue<long>().Should().Be(-193_55);
        var detail = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/invoices/{november["number"]}"))!;
        detail["amountDueMinor"]!.GetValue<long>().Should().Be(0);
        detail["adjustments"]!.AsArray().Should().BeEmpty();

        var balance = JsonNode.Parse(await _api.GetStringAsync($"/api/v1/accounts/{account}/balance"))!;
        balance.ToJsonString().Should().Be($$"""{"accountId":"{{account}}","currency":"USD","balanceMinor":19355,"credits":[{"invoice":"{{november["number"]}}","remainingMinor":19355}]}""");
        (await _api.GetAsync($"/api/v1/accounts/{Guid.NewGuid()}/balance")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ending_a_subscription_and_refusing_an_overlapping_one()
    {
        var product = await NewProductAsync();
        var account = await NewAccountAsync(product);
        var overlapping = await _api.PostAsJsonAsync($"/api/v1/accounts/{account}/subscriptions", new
        {
            productCode = product, monthlyFee = "10.00", includedVolume = 0, overage = new { model = "unit", unitPrice = "0.001" }, startsOn = "2026-06-01",
        });
        overlapping.StatusCode.Should().Be(HttpStatusCode.Conflict);

        var subscriptions = await GetSubscriptionIdAsync(account);
        (await _api.PostAsJsonAsync($"/api/v1/accounts/{account}/subscriptions/{subscriptions}/end", new { endsOn = "2026-06-01" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await PostOk($"/api/v1/accounts/{account}/subscriptions", new
        {
            productCode = product, monthlyFee = "10.00", includedVolume = 0, overage = new { model = "package", packageSize = 100, packagePrice = "5.00" }, startsOn = "2026-06-01",
        });
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_401()
    {
        var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/api/v1/invoices/INV-000001")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        var response = await anonymous.PostAsJsonAsync("/api/v1/accounts", new { name = "X", currency = "USD" });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        (await _api.GetAsync("/api/v1/invoices/INV-999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.GetAsync($"/api/v1/accounts/{Guid.NewGuid()}/invoices")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.PostAsJsonAsync($"/api/v1/accounts/{Guid.NewGuid()}/members", new { email = "a@b.com", canManageUsers = true, canManagePayment = true, products = Array.Empty<string>() }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.PostAsJsonAsync("/api/v1/billing/runs", new { period = "2026-11", accountId = Guid.NewGuid() })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_single_account_run_for_an_earlier_period_is_409()
    {
        var account = await NewAccountAsync(await NewProductAsync());
        await PostOk("/api/v1/billing/runs", new { period = "2026-11", accountId = account }, HttpStatusCode.OK);
        var response = await _api.PostAsJsonAsync("/api/v1/billing/runs", new { period = "2026-10", accountId = account });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"events": "nope"}""")]
    [InlineData("""{"events": [], "extra": 1}""")]
    [InlineData("[]")]
    public async Task A_malformed_usage_body_is_400(string body)
    {
        var response = await _api.PostAsync("/api/v1/usage", new StringContent(body, Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_usage_body_that_is_not_utf8_is_400()
    {
        var body = Encoding.UTF8.GetBytes("""{"events": [{"id": "ab__cd"}]}""");
        body[body.AsSpan().IndexOf("__"u8)] = 0xC3;
        body[body.AsSpan().IndexOf("_"u8)] = 0x28;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await _api.PostAsync("/api/v1/usage", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)problem["title"]!).Should().Be("Malformed JSON");
    }

    [Fact]
    public async Task A_usage_batch_with_bad_events_is_400_naming_each_and_stores_nothing()
    {
        var product = await NewProductAsync();
        var account = await NewAccountAsync(product);
        var body = $$"""
            {"events": [
              {"id": "good", "accountId": "{{account}}", "productCode": "{{product}}", "usageType": "search", "quantity": 5, "occurredAt": "2026-11-02T00:00:00Z"},
              {"id": "neg", "accountId": "{{account}}", "productCode": "{{product}}", "usageType": "search", "quantity": -1, "occurredAt": "2026-11-02T00:00:00Z"},
              {"id": "huge", "accountId": "{{account}}", "productCode": "{{product}}", "usageType": "search", "quantity": 1e40, "occurredAt": "2026-11-02T00:00:00Z"},
              {"id": "text", "accountId": "{{account}}", "productCode": "{{product}}", "usageType": "search", "quantity": "5", "occurredAt": "2026-11-02T00:00:00Z"},
              {"id": "local", "accountId": "{{account}}", "productCode": "{{product}}", "usageType": "search", "quantity": 5, "occurredAt": "2026-11-02T00:00:00"},
              {"id": "extra", "accountId": "{{account}}", "productCode": "{{product}}", "usageType": "search", "quantity": 5, "occurredAt": "2026-11-02T00:00:00Z", "price": 1}
            ]}
            """;
        var response = await _api.PostAsync("/api/v1/usage", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!.AsArray().Select(e => ((int)e!["index"]!, (string)e["field"]!)).Should().BeEquivalentTo([
            (1, "quantity"), (2, "quantity"), (3, "quantity"), (4, "occurredAt"), (5, "price"),
        ]);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        (await db.UsageEvents.CountAsync(u => u.ExternalId == "good")).Should().Be(0);
    }

    [Fact]
    public async Task More_than_ten_thousand_events_is_413()
    {
        var events = Enumerable.Range(0, 10_001).Select(i => new { id = $"e{i}", accountId = Guid.Empty, productCode = "x", usageType = "y", quantity = 1, occurredAt = "2026-11-02T00:00:00Z" });
        var response = await _api.PostAsJsonAsync("/api/v1/usage", new { events });
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("""{"name": "X", "currency": "XYZ"}""", "currency")]
    [InlineData("""{"name": "", "currency": "USD"}""", "name")]
    [InlineData("""{"name": "X", "currency": "USD", "unknown": true}""", null)]
    [InlineData("""{"name": 5, "currency": "USD"}""", null)]
    public async Task Bad_account_input_is_400_and_creates_nothing(string body, string? field)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var before = await db.Accounts.CountAsync();
        var response = await _api.PostAsync("/api/v1/accounts", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        if (field is not null)
        {
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field].Should().NotBeNull();
        }

        (await db.Accounts.CountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("""{"productCode": "P", "monthlyFee": "200.001", "includedVolume": 1, "overage": {"model": "unit", "unitPrice": "0.1"}, "startsOn": "2026-01-01"}""", "monthlyFee")]
    [InlineData("""{"productCode": "P", "monthlyFee": "2e2", "includedVolume": 1, "overage": {"model": "unit", "unitPrice": "0.1"}, "startsOn": "2026-01-01"}""", "monthlyFee")]
    [InlineData("""{"productCode": "P", "monthlyFee": "200.00", "includedVolume": 1, "overage": {"model": "tiered"}, "startsOn": "2026-01-01"}""", "overage.model")]
    [InlineData("""{"productCode": "P", "monthlyFee": "200.00", "includedVolume": 1, "overage": {"model": "graduated", "tiers": [{"upTo": null, "unitPrice": "1"}, {"upTo": 5, "unitPrice": "1"}]}, "startsOn": "2026-01-01"}""", "overage.tiers")]
    [InlineData("""{"productCode": "P", "monthlyFee": "200.00", "includedVolume": 1, "overage": {"model": "unit", "unitPrice": "0.1"}, "startsOn": "2026-01-01", "endsOn": "2025-12-01"}""", "endsOn")]
    [InlineData("""{"productCode": "nope", "monthlyFee": "200.00", "includedVolume": 1, "overage": {"model": "unit", "unitPrice": "0.1"}, "startsOn": "2026-01-01"}""", "productCode")]
    public async Task Bad_subscription_input_is_400_naming_the_field(string template, string field)
    {
        var product = await NewProductAsync();
        var account = (string)(await PostOk("/api/v1/accounts", new { name = "Sub test", currency = "USD" }))["id"]!;
        var response = await _api.PostAsync($"/api/v1/accounts/{account}/subscriptions",
            new StringContent(template.Replace("\"P\"", $"\"{product}\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field].Should().NotBeNull();
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_operator_API()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain(["/api/v1/products", "/api/v1/accounts", "/api/v1/accounts/{accountId}/members", "/api/v1/accounts/{accountId}/subscriptions",
            "/api/v1/accounts/{accountId}/subscriptions/{id}/end", "/api/v1/usage", "/api/v1/billing/runs", "/api/v1/accounts/{accountId}/invoices",
            "/api/v1/invoices/{number}", "/api/v1/invoices/{number}/usage"]);
        (await app.CreateClient().GetAsync("/api/reference")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<string> GetSubscriptionIdAsync(string account)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var id = new Domain.Common.AccountId(Guid.Parse(account));
        return (await db.Subscriptions.SingleAsync(s => s.AccountId == id)).Id.ToString();
    }

}
