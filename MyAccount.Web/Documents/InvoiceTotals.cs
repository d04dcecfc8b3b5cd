using MyAccount.Domain.Invoices;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Tax;

namespace MyAccount.Web.Documents;

/// <summary>Wording the invoice page and the PDF share for the buyer and the totals.</summary>
public static class InvoiceTotals
{
    /// <summary>"Invoice total" without VAT (as always); "Total incl. VAT" with it.</summary>
    public static string TotalLabel(InvoiceDetail invoice) => invoice.Tax is null ? "Invoice total" : "Total incl. VAT";

    /// <summary>"Fabrikam GmbH, Friedrichstraße 10, 10117 Berlin, Germany".</summary>
    public static string BuyerLine(BillingDetailsInput buyer) =>
        string.Join(", ", new[] { buyer.LegalName, buyer.AddressLine1, buyer.AddressLine2, $"{buyer.PostalCode} {buyer.City}".Trim(), TaxCountries.NameOf(buyer.CountryCode) }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
}
