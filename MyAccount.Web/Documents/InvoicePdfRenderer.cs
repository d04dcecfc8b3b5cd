using System.Globalization;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MyAccount.Web.Documents;

/// <summary>
/// The invoice as a PDF (PDFsharp, DejaVu Sans embedded): header, per product its lines with the month each pays for and
/// the product's total, the invoice total, and an appendix with the usage summary per product and usage type.
/// </summary>
public sealed class InvoicePdfRenderer(VendorOptions vendor) : IInvoiceDocumentRenderer
{
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(90, 90, 90));

    public byte[] RenderPdf(InvoiceDetail invoice, InvoiceUsage usage, byte[]? facturX = null)
    {
        EmbeddedFontResolver.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number}";
        document.Info.Author = vendor.Name;
        document.Info.Subject = $"{invoice.AccountName}, {invoice.Period.Display}";
        using (var pdf = new PdfWriter(document))
        {
            Header(pdf, invoice);
            foreach (var product in invoice.Products)
            {
                Product(pdf, invoice, product);
            }

            if (invoice.Tax is { } tax)
            {
                Vat(pdf, invoice, tax);
            }

            if (invoice.Adjustments.Count > 0)
            {
                pdf.EnsureRoom(40);
                pdf.Rule();
                pdf.Row("Credit applied", PdfWriter.Font(11, bold: true), Money(invoice.Adjustments.Sum(l => l.AmountMinor), invoice));
                foreach (var line in invoice.Adjustments)
                {
                    pdf.Row(line.Description, PdfWriter.Font(9), Money(line.AmountMinor, invoice), indent: 10);
                }

                pdf.Space(6);
            }

            pdf.Rule(1);
            pdf.Row(invoice.Tax is null || invoice.Adjustments.Count == 0 ? InvoiceTotals.TotalLabel(invoice) : "Invoice total after credit",
                PdfWriter.Font(12, bold: true), Money(invoice.TotalMinor, invoice));
            if (invoice.CreditNotes.Count > 0)
            {
                pdf.Space(4);
                pdf.EnsureRoom(40);
                pdf.Row("Credit notes", PdfWriter.Font(11, bold: true), Money(-invoice.CreditedMinor, invoice));
                foreach (var note in invoice.CreditNotes)
                {
                    pdf.Row($"{note.Number} of {note.IssuedAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}: {note.Reason.ReplaceLineEndings(" ")} ({note.SettlementText})",
                        PdfWriter.Font(9), Money(-note.AmountMinor, invoice), indent: 10);
                }
            }

            if (invoice.Status == InvoiceStatus.Credit)
            {
                pdf.Row($"Nothing to pay: {Money(-invoice.TotalMinor, invoice)} is credited to the account and applied to its next invoices.", PdfWriter.Font(9));
            }
            else if (invoice.AmountDueMinor > 0)
            {
                pdf.Row("Amount due", PdfWriter.Font(10, bold: true), Money(invoice.AmountDueMinor, invoice));
            }

            pdf.Space(12);
            pdf.Row($"Fees are billed in advance for {invoice.Period.Display}; usage above the included volume is billed in arrears for " +
                    $"{invoice.Period.Previous.Display}. Amounts in {invoice.CurrencyCode}.", PdfWriter.Font(8), brush: Muted);
            Appendix(pdf, usage, invoice);
        }

        if (facturX is not null)
        {
            FacturX.Embed(document, facturX, invoice.IssuedOn);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public byte[] RenderCreditNotePdf(CreditNoteView note, InvoiceDetail invoice)
    {
        EmbeddedFontResolver.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Credit note {note.Number}";
        document.Info.Author = vendor.Name;
        document.Info.Subject = $"{invoice.AccountName}, credit note against invoice {invoice.Number}";
        using (var pdf = new PdfWriter(document))
        {
            Parties(pdf, invoice, $"Credit note {note.Number}");
            pdf.Row($"Issued on: {note.IssuedAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}    Credits invoice {invoice.Number} " +
                    $"({invoice.Period.Display}, issued {invoice.IssuedOn.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}, total {Money(invoice.TotalMinor, invoice)})",
                PdfWriter.Font(10));
            pdf.Row($"Reason: {note.Reason.ReplaceLineEndings(" ")}", PdfWriter.Font(10));
            pdf.Space(12);
            pdf.Rule();
            if (note.Lines.Count == 0)
            {
                pdf.Row($"Credit on invoice {invoice.Number}", PdfWriter.Font(9), Money(-note.AmountMinor, invoice), indent: 10);
            }

            foreach (var line in note.Lines)
            {
                pdf.Row(line.Description, PdfWriter.Font(9), Money(-line.AmountMinor, invoice), indent: 10);
            }

            pdf.Space(6);
            pdf.Rule(1);
            pdf.Row("Credit note total", PdfWriter.Font(12, bold: true), Money(-note.AmountMinor, invoice));
            pdf.Row(note.Settlement switch
            {
                CreditNoteSettlement.Refund => $"Settled as a refund of {Money(note.AmountMinor, invoice)} to the card that paid invoice {invoice.Number}.",
                CreditNoteSettlement.Balance => $"{Money(note.AmountMinor, invoice)} is added to the account's credit balance and applied to its next invoices.",
                _ => $"{Money(note.AmountMinor, invoice)} is taken off the amount due of invoice {invoice.Number}.",
            }, PdfWriter.Font(9));
            pdf.Space(12);
            pdf.Row($"Amounts in {invoice.CurrencyCode}.", PdfWriter.Font(8), brush: Muted);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private void Header(PdfWriter pdf, InvoiceDetail invoice)
    {
        Parties(pdf, invoice, $"Invoice {invoice.Number}");
        pdf.Row($"Issued on: {invoice.IssuedOn.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}    Period: {invoice.Period.Display}    Status: {Status(invoice.Status)}{(invoice.PaidAt is { } paidAt ? $" {paidAt.ToString("MMM d", CultureInfo.InvariantCulture)}{(invoice.PaidWith is { } card ? $" · {card}" : "")}" : "")}",
            PdfWriter.Font(10));
        pdf.Space(12);
    }

    /// <summary>The vendor (name, address, VAT ID), the document's title, and whom it is addressed to (billing details as posted).</summary>
    private void Parties(PdfWriter pdf, InvoiceDetail invoice, string title)
    {
        pdf.Row(vendor.Name, PdfWriter.Font(16, bold: true));
        pdf.Row(vendor.Address, PdfWriter.Font(9), brush: Muted);
        if (invoice.Tax?.SellerVatId is { } sellerVatId)
        {
            pdf.Row($"VAT ID: {sellerVatId}", PdfWriter.Font(9), brush: Muted);
        }

        pdf.Space(16);
        pdf.Row(title, PdfWriter.Font(14, bold: true));
        if (invoice.Buyer is { } buyer)
        {
            pdf.Row($"Billed to: {InvoiceTotals.BuyerLine(buyer)}", PdfWriter.Font(10));
            if (buyer.VatId is not null || buyer.BuyerReference is not null)
            {
                pdf.Row(string.Join("    ", new[] { buyer.VatId is null ? null : $"VAT ID: {buyer.VatId}", buyer.BuyerReference is null ? null : $"Buyer reference: {buyer.BuyerReference}" }
                    .Where(t => t is not null)), PdfWriter.Font(10));
            }
        }
        else
        {
            pdf.Row($"Billed to: {invoice.AccountName}", PdfWriter.Font(10));
        }
    }

    private static void Product(PdfWriter pdf, InvoiceDetail invoice, InvoiceProductSection product)
    {
        pdf.EnsureRoom(60);
        pdf.Rule();
        pdf.Row(product.ProductName, PdfWriter.Font(11, bold: true), Money(product.TotalMinor, invoice));
        foreach (var line in product.Lines)
        {
            pdf.Row(line.Description, PdfWriter.Font(9), Money(line.AmountMinor, invoice), indent: 10);
        }

        pdf.Space(6);
    }

    /// <summary>Net, the VAT of the invoice's category and the gross; a reverse charge names its legal basis.</summary>
    private static void Vat(PdfWriter pdf, InvoiceDetail invoice, InvoiceTaxView tax)
    {
        pdf.EnsureRoom(60);
        pdf.Rule();
        pdf.Row("Net total", PdfWriter.Font(10), Money(tax.NetMinor, invoice));
        pdf.Row($"{tax.Label} on {Money(tax.NetMinor, invoice)}", PdfWriter.Font(10), Money(tax.TaxMinor, invoice));
        if (invoice.Adjustments.Count > 0)
        {
            // Before the credit applied; without one the invoice total below is the gross.
            pdf.Row("Total incl. VAT", PdfWriter.Font(11, bold: true), Money(tax.GrossMinor, invoice));
        }

        if (tax.ExemptionNote is { } note)
        {
            pdf.Row(note, PdfWriter.Font(9), brush: Muted);
        }

        pdf.Space(6);
    }

    private static void Appendix(PdfWriter pdf, InvoiceUsage usage, InvoiceDetail invoice)
    {
        pdf.NewPage();
        pdf.Row($"Appendix: usage in {usage.UsagePeriod.Display}", PdfWriter.Font(13, bold: true));
        pdf.Row($"Invoice {invoice.Number}. Quantities per usage type; a product's volume is the sum of its usage types.", PdfWriter.Font(9), brush: Muted);
        pdf.Space(8);
        if (usage.Products.Count == 0)
        {
            pdf.Row("No usage was recorded.", PdfWriter.Font(10));
        }

        foreach (var product in usage.Products)
        {
            pdf.Rule();
            pdf.Row(product.ProductName, PdfWriter.Font(11, bold: true), $"{product.Total.ToString("N0", CultureInfo.InvariantCulture)} {product.Unit}");
            foreach (var type in product.UsageTypes)
            {
                pdf.Row(type.Name, PdfWriter.Font(9), type.Total.ToString("N0", CultureInfo.InvariantCulture), indent: 10);
            }

            pdf.Space(6);
        }
    }

    private static string Money(long minor, InvoiceDetail invoice) => new Money(minor, invoice.CurrencyCode).Format();

    private static string Status(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.PaymentFailed => "Payment failed",
        InvoiceStatus.PastDue => "Past due",
        InvoiceStatus.Credit => "Credit",
        InvoiceStatus.NothingToPay => "Nothing to pay",
        _ => "Due",
    };
}
