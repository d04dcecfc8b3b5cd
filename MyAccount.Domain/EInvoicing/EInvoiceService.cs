using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Tax;

namespace MyAccount.Domain.EInvoicing;

/// <summary>
/// E-invoices of posted invoices, as CII or UBL. Whoever may view the account may have them; anyone else learns nothing ("not
/// found"), as with the invoice itself.
/// </summary>
public sealed class EInvoiceService(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, VendorDetails vendor)
{
    public async Task<EInvoiceDocument> GetDocumentAsync(Actor actor, string number, CancellationToken ct = default)
    {
        var (document, _) = await ReadAsync(actor, number, ct);
        return document;
    }

    public async Task<EInvoiceFile> GetFileAsync(Actor actor, string number, EInvoiceSyntax syntax, CancellationToken ct = default)
    {
        var (document, wants) = await ReadAsync(actor, number, ct);
        return new EInvoiceFile($"{document.Number}-{syntax.ToString().ToLowerInvariant()}.xml", Serialize(document, syntax), wants);
    }

    /// <summary>A credit note as an e-invoice (type 381, referencing its invoice), for whoever may view the account.</summary>
    public async Task<EInvoiceFile> GetCreditNoteFileAsync(Actor actor, string number, EInvoiceSyntax syntax, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = number?.Trim().ToUpperInvariant() ?? "";
        var note = await db.CreditNotes.AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Number == normalized, ct)
                   ?? throw new NotFoundException($"There is no credit note {number}.");
        var (invoice, names, buyer, wants) = await ReadInvoiceAsync(db, actor, note.InvoiceNumber, ct);
        var document = EInvoiceDocumentBuilder.ForCreditNote(note, invoice, names, vendor, buyer);
        return new EInvoiceFile($"{document.Number}-{syntax.ToString().ToLowerInvariant()}.xml", Serialize(document, syntax), wants);
    }

    /// <summary>The document as UTF-8 XML (no byte order mark) in the given syntax.</summary>
    public static byte[] Serialize(EInvoiceDocument document, EInvoiceSyntax syntax)
    {
        var xml = syntax == EInvoiceSyntax.Cii ? CiiWriter.Write(document) : UblWriter.Write(document);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.Save(writer);
        }

        return stream.ToArray();
    }

    private async Task<(EInvoiceDocument, bool)> ReadAsync(Actor actor, string number, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (invoice, names, buyer, wants) = await ReadInvoiceAsync(db, actor, number, ct);
        return (EInvoiceDocumentBuilder.ForInvoice(invoice, names, vendor, buyer), wants);
    }

    private async Task<(Invoice Invoice, Dictionary<ProductId, string> Names, BillingDetailsInput Buyer, bool Wants)> ReadInvoiceAsync(MyAccountDbContext db, Actor actor,
        string number, CancellationToken ct)
    {
        var normalized = number?.Trim().ToUpperInvariant() ?? "";
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == normalized, ct)
                      ?? throw new NotFoundException($"There is no invoice {number}.");
        try
        {
            await guard.EnsureCanViewAsync(db, actor, invoice.AccountId, $"e-invoice {invoice.Number}", ct);
        }
        catch (AccessDeniedException)
        {
            throw new NotFoundException("There is no such invoice or account.");
        }

        var productIds = invoice.Lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToList();
        var names = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var details = await db.AccountBillingDetails.AsNoTracking().SingleOrDefaultAsync(d => d.AccountId == invoice.AccountId, ct);
        var buyer = invoice.Buyer ?? details?.ToInput() ?? await AccountAsBuyerAsync(db, invoice.AccountId, ct);
        return (invoice, names, buyer, details?.EInvoicing ?? false);
    }

    /// <summary>An account without billing details: its name, in the country its card, time zone or currency suggests (else the vendor's).</summary>
    private async Task<BillingDetailsInput> AccountAsBuyerAsync(MyAccountDbContext db, AccountId accountId, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.Name, a.TimeZone, a.CurrencyCode }).SingleAsync(ct);
        var card = await db.PaymentMethods.AsNoTracking().Where(p => p.AccountId == accountId).Select(p => p.BillingAddress).SingleOrDefaultAsync(ct);
        var country = BillingCountries.Suggest(card, account.TimeZone, account.CurrencyCode) ?? vendor.CountryCode;
        return card is not null && string.Equals(card.Country, country, StringComparison.OrdinalIgnoreCase)
            ? new BillingDetailsInput(account.Name, card.Line1, card.Line2, card.PostalCode, card.City, country, null, null)
            : new BillingDetailsInput(account.Name, null, null, null, null, country, null, null);
    }
}
