using MyAccount.Domain.Billing;
using MyAccount.Domain.Common;
using MyAccount.Domain.EInvoicing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Payments;

namespace MyAccount.Web.Api;

/// <summary>Billing runs and invoices for the vendor's systems.</summary>
public static class BillingApi
{
    public static RouteGroupBuilder MapBillingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/billing/runs", async (BillingRunRequest body, HttpContext http, BillingEngine billing, CancellationToken ct) =>
        {
            var period = BillingMonth.Parse(body.Period ?? "");
            var result = await billing.RunAsync(OperatorKeyFilter.Actor(http), period, body.AccountId is { } id ? new AccountId(id) : null, ct);
            return Results.Ok(new BillingRunResponse(result.Period.ToString(), result.InvoicesPosted, result.Skipped,
                result.Failed.Select(f => new BillingFailureResponse(f.AccountId.Value, f.Reason)).ToList()));
        }).WithSummary("Bill a period (YYYY-MM) for every account, or one; running it again changes nothing").Produces<BillingRunResponse>();

        api.MapGet("/accounts/{accountId:guid}/invoices", async (Guid accountId, HttpContext http, InvoiceQueries invoices, CancellationToken ct) =>
        {
            var all = await Pages.AllAsync(page => invoices.ListInvoicesAsync(OperatorKeyFilter.Actor(http), new AccountId(accountId), page, ct));

            return Results.Ok(all.Select(i => new InvoiceListItem(i.Number, i.Period.ToString(), i.IssuedOn, ApiFormats.Status(i.Status), i.CurrencyCode, i.TotalMinor)));
        }).WithSummary("An account's invoices, newest first").Produces<List<InvoiceListItem>>();

        api.MapGet("/invoices/{number}", async (string number, HttpContext http, InvoiceQueries invoices, CancellationToken ct) =>
        {
            var invoice = await invoices.GetInvoiceAsync(OperatorKeyFilter.Actor(http), number, ct);
            return Results.Ok(new InvoiceResponse(invoice.Number, invoice.AccountId.Value, invoice.Period.ToString(), invoice.IssuedOn, ApiFormats.Status(invoice.Status),
                invoice.CurrencyCode, invoice.TotalMinor,
                invoice.Products.Select(p => new InvoiceProductResponse(p.ProductCode, p.ProductName, p.TotalMinor, p.Lines.Select(Line).ToList())).ToList())
            {
                Adjustments = invoice.Adjustments.Select(Line).ToList(),
                AmountDueMinor = invoice.AmountDueMinor,
                Vat = invoice.Tax is { } tax
                    ? new InvoiceVatResponse(tax.Category, tax.RatePercent, tax.NetMinor, tax.TaxMinor, tax.GrossMinor, tax.CreditAppliedMinor, tax.ExemptionNote)
                    : null,
                Buyer = invoice.Buyer is { } buyer ? BillingDetailsResponse.From(buyer) : null,
                CreditedMinor = invoice.CreditedMinor,
                CreditableMinor = invoice.CreditableMinor,
                PaidAt = invoice.PaidAt,
                PaidWith = invoice.PaidWith,
                CreditNotes = invoice.CreditNotes.Select(CreditNote).ToList(),
            });
        }).WithSummary("One invoice with its lines per product, the credit applied, its credit notes and the amount due (amounts in minor units)").Produces<InvoiceResponse>();

        api.MapPost("/invoices/{number}/credit-notes", async (string number, CreateCreditNoteRequest body, HttpContext http, CreditNoteService creditNotes, CancellationToken ct) =>
        {
            var note = await creditNotes.IssueAsync(OperatorKeyFilter.Actor(http), number, new CreditNoteInput(body.Reason, body.AmountMinor,
                body.Lines?.Select((l, i) => l is null
                    ? throw new DomainValidationException($"lines[{i}]", $"lines[{i}] must be an object: {{\"lineId\": \"…\", \"amountMinor\": N}}.")
                    : new CreditNoteLineInput(LineId(l.LineId, i), l.AmountMinor
                        ?? throw new DomainValidationException($"lines[{i}].amountMinor", $"lines[{i}].amountMinor is required (in minor units)."))).ToList(),
                Settlement(body.Settle)), ct);
            return Results.Created($"/api/v1/credit-notes/{note.Number}", CreditNote(note));
        }).WithSummary("Issue a credit note against an invoice, for an amount or for lines, settled as a refund, to the credit balance, or against the amount due")
          .Produces<CreditNoteResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/credit-notes/{number}/einvoice", async (string number, string? syntax, HttpContext http, EInvoiceService einvoices, CancellationToken ct) =>
        {
            var file = await einvoices.GetCreditNoteFileAsync(OperatorKeyFilter.Actor(http), number, EInvoiceSyntaxes.Parse(syntax), ct);
            return Results.File(file.Content, "application/xml", file.FileName);
        }).WithSummary("A credit note as an EN 16931 e-invoice (type 381, referencing its invoice): syntax=cii (default) or ubl")
          .Produces(StatusCodes.Status200OK, contentType: "application/xml");

        api.MapGet("/credit-notes/{number}", async (string number, HttpContext http, CreditNoteService creditNotes, CancellationToken ct) =>
            Results.Ok(CreditNote(await creditNotes.GetAsync(OperatorKeyFilter.Actor(http), number, ct))))
            .WithSummary("One credit note, with its refund's progress").Produces<CreditNoteResponse>();

        api.MapGet("/invoices/{number}/einvoice", async (string number, string? syntax, HttpContext http, EInvoiceService einvoices, CancellationToken ct) =>
        {
            var file = await einvoices.GetFileAsync(OperatorKeyFilter.Actor(http), number, EInvoiceSyntaxes.Parse(syntax), ct);
            return Results.File(file.Content, "application/xml", file.FileName);
        }).WithSummary("The invoice as an EN 16931 e-invoice: syntax=cii (UN/CEFACT CII, Factur-X EN 16931 profile) or syntax=ubl (UBL 2.1, XRechnung 3.0)")
          .Produces(StatusCodes.Status200OK, contentType: "application/xml");

        api.MapPut("/accounts/{accountId:guid}/billing-details", async (Guid accountId, BillingDetailsRequest body, HttpContext http, BillingDetailsService details, CancellationToken ct) =>
        {
            var actor = OperatorKeyFilter.Actor(http);
            // eInvoicing left out keeps the account's choice.
            var eInvoicing = body.EInvoicing ?? (await details.GetAsync(actor, new AccountId(accountId), ct))?.Details.EInvoicing ?? false;
            var saved = await details.UpdateAsync(actor, new AccountId(accountId),
                new BillingDetailsInput(body.LegalName, body.AddressLine1, body.AddressLine2, body.PostalCode, body.City, body.CountryCode, body.VatId, body.BuyerReference,
                    eInvoicing), ct);
            return Results.Ok(BillingDetailsResponse.From(saved.Details));
        }).WithSummary("Set an account's billing details (legal name, address, country, VAT ID, buyer reference): invoices from the next one on are addressed and taxed with them")
          .Produces<BillingDetailsResponse>();

        api.MapGet("/accounts/{accountId:guid}/billing-details", async (Guid accountId, HttpContext http, BillingDetailsService details, CancellationToken ct) =>
        {
            var view = await details.GetAsync(OperatorKeyFilter.Actor(http), new AccountId(accountId), ct);
            return view is null ? Results.NotFound() : Results.Ok(BillingDetailsResponse.From(view.Details));
        }).WithSummary("An account's billing details (404 when none were given)").Produces<BillingDetailsResponse>();

        api.MapGet("/accounts/{accountId:guid}/balance", async (Guid accountId, HttpContext http, InvoiceQueries invoices, CancellationToken ct) =>
        {
            var balance = await invoices.GetCreditBalanceAsync(OperatorKeyFilter.Actor(http), new AccountId(accountId), ct);
            return Results.Ok(new CreditBalanceResponse(accountId, balance.CurrencyCode, balance.BalanceMinor,
                balance.Credits.Select(c => new CreditResponse(c.Source, c.RemainingMinor)).ToList()));
        }).WithSummary("The account's credit balance, applied to its next invoices oldest first").Produces<CreditBalanceResponse>();

        api.MapGet("/invoices/{number}/usage", async (string number, HttpContext http, InvoiceQueries invoices, CancellationToken ct) =>
        {
            var usage = await invoices.GetInvoiceUsageAsync(OperatorKeyFilter.Actor(http), number, ct);
            return Results.Ok(new InvoiceUsageResponse(usage.Number, usage.UsagePeriod.ToString(),
                usage.Products.Select(p => new ProductUsageResponse(p.ProductCode, p.ProductName, p.Unit, p.Total,
                    p.UsageTypes.Select(t => new UsageTypeResponse(t.UsageType, t.Name, t.Total,
                        t.Days.Select(d => new DailyQuantityResponse(d.Day, d.Quantity)).ToList())).ToList())).ToList()));
        }).WithSummary("Per product, usage type and day: the usage of the month whose overage the invoice bills").Produces<InvoiceUsageResponse>();

        return api;
    }

    private static InvoiceLineResponse Line(InvoiceLineView l) =>
        new(ApiFormats.Kind(l.Kind), l.Description, l.PeriodStart, l.PeriodEndExclusive.AddDays(-1), l.Quantity, l.UnitPrice, l.AmountMinor)
        {
            Id = l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CreditedMinor = l.CreditedMinor,
        };

    private static CreditNoteResponse CreditNote(CreditNoteView n) => new(n.Number, n.InvoiceNumber, n.AccountId.Value, n.IssuedAt, n.Reason,
        CreditNoteService.SettlementName(n.Settlement), n.CurrencyCode, n.AmountMinor,
        n.Lines.Select(l => new CreditNoteLineResponse(l.InvoiceLineId.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Description, l.AmountMinor)).ToList(),
        n.Settlement == CreditNoteSettlement.Refund
            ? new RefundResponse(n.RefundStatus switch { RefundStatus.Refunded => "refunded", RefundStatus.Failed => "failed", _ => "pending" }, n.RefundReference, n.RefundedAt, n.RefundError)
            : null);

    private static long LineId(string? text, int index) =>
        long.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DomainValidationException($"lines[{index}].lineId", $"lines[{index}].lineId is required: a line's lineId from GET /api/v1/invoices/{{number}}.");

    private static CreditNoteSettlement? Settlement(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "refund" => CreditNoteSettlement.Refund,
        "balance" => CreditNoteSettlement.Balance,
        "due" => CreditNoteSettlement.Due,
        _ => throw new DomainValidationException("settle", $"Unknown settle '{text}': use \"refund\", \"balance\" or \"due\"."),
    };
}
