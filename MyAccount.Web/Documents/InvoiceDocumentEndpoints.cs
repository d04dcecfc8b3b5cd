using System.Globalization;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.EInvoicing;
using MyAccount.Domain.Invoices;
using MyAccount.Web.Auth;

namespace MyAccount.Web.Documents;

/// <summary>
/// Downloads for the Invoices tab: the invoice PDF, the invoice list as CSV and an invoice's usage as CSV. Authorised like
/// the pages: the signed-in person's current account only; anything else is 404.
/// </summary>
public static class InvoiceDocumentEndpoints
{
    public static IEndpointRouteBuilder MapInvoiceDocuments(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account").RequireAuthorization().ExcludeFromDescription();

        group.MapGet("/invoices/{number}/pdf", async (string number, HttpContext http, AccountDirectory directory, InvoiceQueries invoices, IInvoiceDocumentRenderer renderer,
            EInvoiceService einvoices, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor =>
            {
                var invoice = await invoices.GetInvoiceAsync(actor, number, ct);
                var usage = await invoices.GetInvoiceUsageAsync(actor, number, ct);
                // With e-invoicing on for the account, the PDF is a Factur-X hybrid carrying the CII.
                var cii = await einvoices.GetFileAsync(actor, number, EInvoiceSyntax.Cii, ct);
                return Results.File(renderer.RenderPdf(invoice, usage, cii.AccountWantsEInvoices ? cii.Content : null), "application/pdf", $"{invoice.Number}.pdf");
            }, ct));

        group.MapGet("/invoices/{number}/cii.xml", async (string number, HttpContext http, AccountDirectory directory, EInvoiceService einvoices, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor => Xml(await einvoices.GetFileAsync(actor, number, EInvoiceSyntax.Cii, ct)), ct));

        group.MapGet("/invoices/{number}/ubl.xml", async (string number, HttpContext http, AccountDirectory directory, EInvoiceService einvoices, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor => Xml(await einvoices.GetFileAsync(actor, number, EInvoiceSyntax.Ubl, ct)), ct));
        group.MapGet("/credit-notes/{number}/cii.xml", async (string number, HttpContext http, AccountDirectory directory, EInvoiceService einvoices, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor => Xml(await einvoices.GetCreditNoteFileAsync(actor, number, EInvoiceSyntax.Cii, ct)), ct));

        group.MapGet("/credit-notes/{number}/ubl.xml", async (string number, HttpContext http, AccountDirectory directory, EInvoiceService einvoices, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor => Xml(await einvoices.GetCreditNoteFileAsync(actor, number, EInvoiceSyntax.Ubl, ct)), ct));

        group.MapGet("/credit-notes/{number}/pdf", async (string number, HttpContext http, AccountDirectory directory, InvoiceQueries invoices, CreditNoteService creditNotes,
                IInvoiceDocumentRenderer renderer, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor =>
            {
                var note = await creditNotes.GetAsync(actor, number, ct);
                var invoice = await invoices.GetInvoiceAsync(actor, note.InvoiceNumber, ct);
                return Results.File(renderer.RenderCreditNotePdf(note, invoice), "application/pdf", $"{note.Number}.pdf");
            }, ct));

        group.MapGet("/invoices.csv", async (HttpContext http, AccountDirectory directory, InvoiceQueries invoices, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor =>
            {
                var person = await HttpPerson.ResolveAsync(http.User, directory, ct);
                var all = await Pages.AllAsync(page => invoices.ListInvoicesAsync(actor, person.CurrentAccountId, page, ct));

                var csv = Csv.Write(["number", "period", "issuedOn", "status", "currency", "total"],
                    all.Select(i => new object?[] { i.Number, i.Period.ToString(), i.IssuedOn, i.Status.ToString(), i.CurrencyCode, i.Total }));
                return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"invoices-{person.CurrentAccount!.Name}.csv");
            }, ct));

        group.MapGet("/invoices/{number}/usage.csv", async (string number, HttpContext http, AccountDirectory directory, InvoiceQueries invoices, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor =>
            {
                var usage = await invoices.GetInvoiceUsageAsync(actor, number, ct);
                var rows = usage.Products.SelectMany(p => p.UsageTypes.SelectMany(t => t.Days.Select(d => new object?[]
                {
                    p.ProductCode, p.ProductName, t.UsageType, d.Day, d.Quantity,
                })));
                var csv = Csv.Write(["productCode", "product", "usageType", "day", "quantity"], rows);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"{usage.Number}-usage-{usage.UsagePeriod}.csv");
            }, ct));

        group.MapGet("/activity.csv", async (HttpContext http, AccountDirectory directory, MyAccount.Domain.Auditing.ActivityLog log, string? kind, string? person, CancellationToken ct) =>
            await WithInvoiceAsync(http, directory, async actor =>
            {
                var who = await HttpPerson.ResolveAsync(http.User, directory, ct);
                var filter = Enum.TryParse<MyAccount.Domain.Auditing.ActivityKind>(kind, out var k) ? k : MyAccount.Domain.Auditing.ActivityKind.All;
                // At most 50 pages (10,000 entries): the newest first.
                var rows = await Pages.AllAsync(page => log.ListAsync(actor, who.CurrentAccountId, filter, person, page, ct), maxPages: 50);

                // What changed as people read it (product names, not ids): "Products: Search; Manage users: no".
                static string Side(IEnumerable<MyAccount.Domain.Auditing.ActivityChange> changes, Func<MyAccount.Domain.Auditing.ActivityChange, string?> side) =>
                    string.Join("; ", changes.Where(c => side(c) is not null).Select(c => $"{c.Field}: {side(c)}"));
                var csv = Csv.Write(["at", "who", "role", "action", "target", "before", "after"],
                    rows.Select(r => new object?[]
                    {
                        r.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Who, r.Role, r.Description, r.Target,
                        Side(r.Changes, c => c.Before), Side(r.Changes, c => c.After),
                    }));
                return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", "activity.csv");
            }, ct));

        return endpoints;
    }

    private static IResult Xml(EInvoiceFile file) => Results.File(file.Content, "application/xml", file.FileName);

    private static async Task<IResult> WithInvoiceAsync(HttpContext http, AccountDirectory directory, Func<Domain.Access.Actor, Task<IResult>> action, CancellationToken ct)
    {
        var person = await HttpPerson.ResolveAsync(http.User, directory, ct);
        if (person.Actor is null)
        {
            return Results.NotFound();
        }

        try
        {
            return await action(person.Actor);
        }
        catch (Exception ex) when (ex is NotFoundException or AccessDeniedException)
        {
            return Results.NotFound();
        }
    }
}
