using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using MyAccount.Tests.Api;

namespace MyAccount.Tests.EInvoicing;

/// <summary>The app with VAT on and a German vendor, driven only through the operator API as the vendor's systems would.</summary>
public sealed class TaxedOperatorApiFactory : Infrastructure.MyAccountAppFactory
{
    public TaxedOperatorApiFactory()
    {
        Settings = new()
        {
            ["DemoData:Enabled"] = "false",
            ["Operator:ApiKey"] = OperatorApiFactory.Key,
            ["Tax:Enabled"] = "true",
            ["Vendor:CountryCode"] = "DE",
            ["Vendor:VatId"] = "DE123456789",
        };
    }

    public HttpClient Operator()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorApiFactory.Key);
        return client;
    }
}

/// <summary>Accounts in several countries get their billing details, are billed, and their e-invoices pass EN 16931.</summary>
public sealed class EInvoiceApiTests(TaxedOperatorApiFactory app) : IClassFixture<TaxedOperatorApiFactory>
{
    private readonly HttpClient _api = app.Operator();

    private async Task<JsonNode> SendOk(HttpMethod method, string path, object? body = null)
    {
        var response = await _api.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    private async Task<string> ProductAsync()
    {
        var code = $"p{Guid.NewGuid():N}"[..12];
        await SendOk(HttpMethod.Post, "/api/v1/products", new { code, name = "Search API", unit = "requests", usageTypes = new[] { "search" } });
        return code;
    }

    private async Task<string> AccountAsync(string product, string currency, object billingDetails, string fee)
    {
        var account = (string)(await SendOk(HttpMethod.Post, "/api/v1/accounts", new { name = $"Customer {Guid.NewGuid():N}", currency }))["id"]!;
        await SendOk(HttpMethod.Put, $"/api/v1/accounts/{account}/billing-details", billingDetails);
        await SendOk(HttpMethod.Post, $"/api/v1/accounts/{account}/subscriptions", new
        {
            productCode = product, monthlyFee = fee, includedVolume = 1000, overage = new { model = "unit", unitPrice = "0.015" },
            startsOn = app.CurrentMonth.Previous.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        await SendOk(HttpMethod.Post, "/api/v1/usage", new
        {
            events = new[] { new { id = Guid.NewGuid().ToString("N"), accountId = account, productCode = product, usageType = "search", quantity = 1_333,
                occurredAt = app.CurrentMonth.Previous.StartsAt.AddDays(3) } },
        });
        await SendOk(HttpMethod.Post, "/api/v1/billing/runs", new { period = app.CurrentMonth.ToString(), accountId = account });
        return account;
    }

    [Fact]
    public async Task Accounts_in_several_countries_are_taxed_by_their_details_and_their_e_invoices_pass_EN_16931()
    {
        var product = await ProductAsync();
        var cases = new (string Country, string? VatId, string Currency, string Fee, string Category, decimal Rate)[]
        {
            ("DE", "DE811907980", "EUR", "199.99", "S", 19m),
            ("FR", "FR40303265045", "EUR", "100.00", "AE", 0m),
            ("AT", null, "EUR", "49.95", "S", 20m),
            ("IT", "IT12345678901", "EUR", "10.00", "AE", 0m),
            ("NL", null, "EUR", "33.33", "S", 21m),
            ("DE", null, "JPY", "15555", "S", 19m),
        };
        var cii = new Dictionary<string, byte[]>();
        var ubl = new Dictionary<string, byte[]>();
        foreach (var c in cases)
        {
            var account = await AccountAsync(product, c.Currency, new
            {
                legalName = $"Kunde {c.Country} GmbH", addressLine1 = "Hauptstraße 1", addressLine2 = (string?)null, postalCode = "12345", city = "Stadt",
                countryCode = c.Country, vatId = c.VatId, buyerReference = c.Country == "DE" ? "04011000-12345-67" : null,
            }, c.Fee);
            var number = (string)(await SendOk(HttpMethod.Get, $"/api/v1/accounts/{account}/invoices")).AsArray().Single()!["number"]!;
            var invoice = await SendOk(HttpMethod.Get, $"/api/v1/invoices/{number}");
            var vat = invoice["vat"]!;
            ((string)vat["category"]!, (decimal)vat["ratePercent"]!).Should().Be((c.Category, c.Rate), $"{c.Country} {c.VatId}");
            ((long)vat["netMinor"]! + (long)vat["taxMinor"]!).Should().Be((long)invoice["totalMinor"]!);
            ((string)invoice["buyer"]!["countryCode"]!).Should().Be(c.Country);

            foreach (var (syntax, files) in new[] { ("cii", cii), ("ubl", ubl) })
            {
                var response = await _api.GetAsync($"/api/v1/invoices/{number}/einvoice?syntax={syntax}");
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
                var bytes = await response.Content.ReadAsByteArrayAsync();
                files[$"{number}-{c.Country}-{c.Currency}.xml"] = bytes;
                EInvoiceTotals.Read(bytes).Should().Be(new EInvoiceTotals((long)vat["netMinor"]!, (long)vat["taxMinor"]!, (long)invoice["totalMinor"]!, (long)invoice["amountDueMinor"]!,
                    c.Currency == "JPY" ? 0 : 2), $"{syntax} of {number}");
            }
        }

        foreach (var (syntax, files) in new[] { ("cii", cii), ("ubl", ubl) })
        {
            var (exitCode, output) = await EInvoiceValidator.ValidateAsync(syntax, files);
            exitCode.Should().Be(0, output);
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(files.Count).And.OnlyContain(l => l.Contains("valid EN 16931"));
        }
    }

    [Fact]
    public async Task Credit_notes_by_amount_and_by_line_are_e_credit_notes_that_reference_their_invoice_and_pass_EN_16931()
    {
        var product = await ProductAsync();
        var cii = new Dictionary<string, byte[]>();
        var ubl = new Dictionary<string, byte[]>();
        foreach (var (country, vatId, currency, fee) in new[] { ("DE", (string?)null, "EUR", "199.99"), ("FR", "FR40303265045", "EUR", "100.00"), ("DE", null, "JPY", "15555") })
        {
            var account = await AccountAsync(product, currency, new
            {
                legalName = $"Kunde {country}", addressLine1 = "Hauptstraße 1", addressLine2 = (string?)null, postalCode = "12345", city = "Stadt",
                countryCode = country, vatId, buyerReference = (string?)null,
            }, fee);
            var number = (string)(await SendOk(HttpMethod.Get, $"/api/v1/accounts/{account}/invoices")).AsArray().Single()!["number"]!;
            var invoice = await SendOk(HttpMethod.Get, $"/api/v1/invoices/{number}");
            var line = invoice["products"]![0]!["lines"]![0]!;
            var byLine = await SendOk(HttpMethod.Post, $"/api/v1/invoices/{number}/credit-notes",
                new { reason = "Outage on the 3rd", lines = new[] { new { lineId = (string)line["lineId"]!, amountMinor = (long)line["amountMinor"]! / 3 } } });
            var byAmount = await SendOk(HttpMethod.Post, $"/api/v1/invoices/{number}/credit-notes", new { reason = "Goodwill", amountMinor = 1_01L, settle = "balance" });

            foreach (var note in new[] { byLine, byAmount })
            {
                var noteNumber = (string)note["number"]!;
                foreach (var (syntax, files) in new[] { ("cii", cii), ("ubl", ubl) })
                {
                    var response = await _api.GetAsync($"/api/v1/credit-notes/{noteNumber}/einvoice?syntax={syntax}");
                    response.StatusCode.Should().Be(HttpStatusCode.OK);
                    var bytes = await response.Content.ReadAsByteArrayAsync();
                    files[$"{noteNumber}-{country}-{currency}.xml"] = bytes;
                    var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
                    xml.Descendants().First(e => e.Name.LocalName is "TypeCode" or "CreditNoteTypeCode").Value.Should().Be("381");
                    xml.Descendants().Where(e => e.Name.LocalName is "IssuerAssignedID" or "ID").Select(e => e.Value).Should().Contain(number, "BT-25 names the invoice it credits");
                    var totals = EInvoiceTotals.Read(bytes);
                    (totals.NetMinor + totals.TaxMinor).Should().Be(totals.GrossMinor);
                    totals.GrossMinor.Should().BeLessThanOrEqualTo((long)note["amountMinor"]!).And.BeGreaterThan((long)note["amountMinor"]! - 2,
                        "the credited gross, or a minor unit below it when no net has that gross");
                }
            }
        }

        foreach (var (syntax, files) in new[] { ("cii", cii), ("ubl", ubl) })
        {
            var (exitCode, output) = await EInvoiceValidator.ValidateAsync(syntax, files);
            exitCode.Should().Be(0, output);
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(files.Count).And.OnlyContain(l => l.Contains("valid EN 16931"));
        }

        (await _api.GetAsync("/api/v1/credit-notes/CN-999999/einvoice?syntax=ubl")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_billing_details_are_refused_per_field_and_change_nothing()
    {
        var account = (string)(await SendOk(HttpMethod.Post, "/api/v1/accounts", new { name = "Refusals", currency = "EUR" }))["id"]!;
        var good = new { legalName = "Refusals GmbH", addressLine1 = "Weg 1", addressLine2 = (string?)null, postalCode = "10115", city = "Berlin", countryCode = "DE",
            vatId = "DE811907980", buyerReference = (string?)null };
        await SendOk(HttpMethod.Put, $"/api/v1/accounts/{account}/billing-details", good);

        foreach (var (body, field) in new (object, string)[]
                 {
                     (good with { vatId = "DE123" }, "vatId"),
                     (good with { countryCode = "QQ" }, "countryCode"),
                     (good with { legalName = new string('x', 300) }, "legalName"),
                 })
        {
            var response = await _api.PutAsJsonAsync($"/api/v1/accounts/{account}/billing-details", body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![field].Should().NotBeNull();
        }

        var stored = await SendOk(HttpMethod.Get, $"/api/v1/accounts/{account}/billing-details");
        ((string)stored["vatId"]!, (string)stored["legalName"]!).Should().Be(("DE811907980", "Refusals GmbH"));
        (await _api.PutAsJsonAsync($"/api/v1/accounts/{Guid.NewGuid()}/billing-details", good)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.GetAsync("/api/v1/invoices/INV-999999/einvoice?syntax=cii")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _api.GetAsync("/api/v1/invoices/INV-000001/einvoice?syntax=pdf")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

/// <summary>The totals an e-invoice states (net, VAT, gross, due) in minor units, read from CII or UBL.</summary>
public sealed record EInvoiceTotals(long NetMinor, long TaxMinor, long GrossMinor, long DueMinor, int Digits)
{
    public static EInvoiceTotals Read(byte[] xml)
    {
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml));
        string Value(string name) => doc.Descendants().First(e => e.Name.LocalName == name).Value;
        var cii = doc.Root!.Name.LocalName == "CrossIndustryInvoice";
        var net = Value(cii ? "TaxBasisTotalAmount" : "TaxExclusiveAmount");
        var digits = net.Contains('.') ? net.Length - net.IndexOf('.') - 1 : 0;
        long Minor(string text) => (long)(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture) * (digits == 0 ? 1 : 100));
        var tax = cii ? Value("TaxTotalAmount") : doc.Descendants().First(e => e.Name.LocalName == "TaxTotal").Elements().First(e => e.Name.LocalName == "TaxAmount").Value;
        var grand = Value(cii ? "GrandTotalAmount" : "TaxInclusiveAmount");
        var due = Value(cii ? "DuePayableAmount" : "PayableAmount");
        return new EInvoiceTotals(Minor(net), Minor(tax), Minor(grand), Minor(due), digits);
    }
}
