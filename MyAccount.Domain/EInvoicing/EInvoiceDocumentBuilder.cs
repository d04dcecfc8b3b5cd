using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Tax;

namespace MyAccount.Domain.EInvoicing;

/// <summary>Fills an <see cref="EInvoiceDocument"/> from a posted invoice: the one mapping both syntaxes share.</summary>
public static class EInvoiceDocumentBuilder
{
    public const string PaymentTerms = "Charged to the card on file when the invoice is posted; due on receipt.";

    /// <param name="productNames">The name of each product the invoice bills (the line's item name).</param>
    /// <param name="buyer">Whom the invoice is addressed to: its billing details as posted, else the account's.</param>
    public static EInvoiceDocument ForInvoice(Invoice invoice, IReadOnlyDictionary<ProductId, string> productNames, VendorDetails vendor, BillingDetailsInput buyer)
    {
        var tax = invoice.VatCategory is { } category ? new TaxTreatment(category, invoice.VatRate ?? 0m) : TaxTreatment.NotSubject;
        var notSubject = tax.Category == VatCategory.NotSubject;
        var credits = invoice.Lines.Where(l => l.Kind == InvoiceLineKind.CreditApplied).OrderBy(l => l.Id).ToList();
        var currency = Currency.Of(invoice.CurrencyCode);
        var notes = new List<string>
        {
            $"Subscription fees for {invoice.Period.Display} are billed in advance; usage above the included volume in {invoice.Period.Previous.Display} in arrears.",
        };
        notes.AddRange(credits.Select(c => $"{c.Description}: {new Money(-c.AmountMinor, invoice.CurrencyCode).Format()} (paid in advance)."));
        if (tax.ExemptionReason is { } reason)
        {
            notes.Add(reason);
        }

        return new EInvoiceDocument
        {
            Number = invoice.Number,
            TypeCode = EInvoiceTypeCode.Invoice,
            IssueDate = invoice.IssuedOn,
            Currency = currency,
            Seller = Seller(vendor, notSubject ? null : invoice.SellerVatId),
            Buyer = Buyer(buyer, notSubject),
            BuyerReference = buyer.BuyerReference,
            Tax = tax,
            Lines = invoice.Lines.Where(l => l.Kind != InvoiceLineKind.CreditApplied).OrderBy(l => l.Id)
                .Select(l => new EInvoiceLine(l.ProductId is { } product && productNames.TryGetValue(product, out var name) ? name : "Service",
                    l.Description, l.AmountMinor, l.CoversFrom, l.CoversUntil.AddDays(-1)))
                .ToList(),
            // The credit balance is what earlier credit invoices left, their VAT already corrected there: it settles this invoice like a
            // prepayment (BT-113) and leaves its taxable amount as it is.
            PrepaidMinor = -credits.Sum(c => c.AmountMinor),
            Notes = notes,
            PaymentTerms = PaymentTerms,
        };
    }

    /// <summary>
    /// A credit note (type 381) against <paramref name="invoice"/> (BT-25/26): one line per credited invoice line, or one line for a
    /// credited amount, each in the period its invoice line pays for. The credited amount is gross when the invoice was taxed: its
    /// lines carry the net whose VAT (at the invoice's rate, rounded once) makes that gross, shared over the lines in proportion.
    /// </summary>
    public static EInvoiceDocument ForCreditNote(CreditNote note, Invoice invoice, IReadOnlyDictionary<ProductId, string> productNames, VendorDetails vendor,
        BillingDetailsInput buyer)
    {
        var tax = invoice.VatCategory is { } category ? new TaxTreatment(category, invoice.VatRate ?? 0m) : TaxTreatment.NotSubject;
        var notSubject = tax.Category == VatCategory.NotSubject;
        var currency = Currency.Of(invoice.CurrencyCode);
        var net = tax.RatePercent == 0m ? note.AmountMinor : VatMath.NetOfGross(note.AmountMinor, tax.RatePercent, currency);
        var byId = invoice.Lines.ToDictionary(l => l.Id);
        var parts = note.Lines.Count > 0
            ? note.Lines.OrderBy(l => l.Id).Select(l => (Line: byId.GetValueOrDefault(l.InvoiceLineId), l.Description, Gross: l.AmountMinor)).ToList()
            : [(Line: (InvoiceLine?)null, Description: $"Credit on invoice {invoice.Number}", Gross: note.AmountMinor)];

        // The net shared over the lines in proportion to their gross, the rounding remainder on the largest: the lines sum to the net.
        var nets = parts.Select(p => note.AmountMinor == 0 ? 0 : (long)Math.Floor((decimal)net * p.Gross / note.AmountMinor)).ToArray();
        nets[Array.IndexOf(nets, nets.Max())] += net - nets.Sum();
        var notes = new List<string> { $"Credit note against invoice {invoice.Number} ({invoice.Period.Display}): {note.Reason.ReplaceLineEndings(" ")}" };
        if (tax.ExemptionReason is { } reason)
        {
            notes.Add(reason);
        }

        return new EInvoiceDocument
        {
            Number = note.Number,
            TypeCode = EInvoiceTypeCode.CreditNote,
            IssueDate = DateOnly.FromDateTime(note.IssuedAt),
            Currency = currency,
            Seller = Seller(vendor, notSubject ? null : invoice.SellerVatId),
            Buyer = Buyer(buyer, notSubject),
            BuyerReference = buyer.BuyerReference,
            Tax = tax,
            Preceding = new PrecedingInvoice(invoice.Number, invoice.IssuedOn),
            Lines = parts.Select((p, i) => new EInvoiceLine(
                p.Line?.ProductId is { } product && productNames.TryGetValue(product, out var name) ? name : "Credit",
                p.Description, nets[i], p.Line?.CoversFrom ?? invoice.Period.FirstDay, (p.Line?.CoversUntil ?? invoice.Period.EndExclusive).AddDays(-1))).ToList(),
            Notes = notes,
            PaymentTerms = note.Settlement switch
            {
                CreditNoteSettlement.Refund => "Refunded to the card that paid the invoice.",
                CreditNoteSettlement.Balance => "Added to the account's credit balance and applied to its next invoices.",
                _ => $"Taken off the amount due of invoice {invoice.Number}.",
            },
        };
    }

    public static EInvoiceParty Seller(VendorDetails vendor, string? vatId) =>
        new(vendor.Name, vendor.Street, null, vendor.PostalCode, vendor.City, vendor.CountryCode, vatId, vendor.RegistrationId, vendor.Email);

    /// <summary>The buyer; without VAT (category O) its VAT ID is left out, as EN 16931 requires (BR-O-03).</summary>
    public static EInvoiceParty Buyer(BillingDetailsInput buyer, bool notSubject) =>
        new(buyer.LegalName ?? "", buyer.AddressLine1, buyer.AddressLine2, buyer.PostalCode, buyer.City, buyer.CountryCode ?? "", notSubject ? null : buyer.VatId);
}
