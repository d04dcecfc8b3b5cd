using System.Xml.Linq;
using MyAccount.Domain.Tax;
using static MyAccount.Domain.EInvoicing.EInvoiceFormats;

namespace MyAccount.Domain.EInvoicing;

/// <summary>
/// Maps an <see cref="EInvoiceDocument"/> to OASIS UBL 2.1 — an <c>Invoice</c>, or a <c>CreditNote</c> for type 381 — with the
/// XRechnung 3.0 customization id. Elements in the order of the UBL schema.
/// </summary>
public static class UblWriter
{
    public const string CustomizationId = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
    public const string ProfileId = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    public static XDocument Write(EInvoiceDocument doc)
    {
        var credit = doc.TypeCode == EInvoiceTypeCode.CreditNote;
        XNamespace root = credit ? "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" : "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
        var code = doc.Currency.Code;
        XElement Money(XName name, long minor) => new(name, new XAttribute("currencyID", code), Amount(minor, doc.Currency));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(root + (credit ? "CreditNote" : "Invoice"),
                new XAttribute(XNamespace.Xmlns + "cac", Cac), new XAttribute(XNamespace.Xmlns + "cbc", Cbc),
                new XElement(Cbc + "CustomizationID", CustomizationId),
                new XElement(Cbc + "ProfileID", ProfileId),
                new XElement(Cbc + "ID", doc.Number),
                new XElement(Cbc + "IssueDate", UblDate(doc.IssueDate)),
                new XElement(Cbc + (credit ? "CreditNoteTypeCode" : "InvoiceTypeCode"), (int)doc.TypeCode),
                doc.Notes.Select(n => new XElement(Cbc + "Note", n)),
                new XElement(Cbc + "DocumentCurrencyCode", code),
                Optional(Cbc + "BuyerReference", doc.BuyerReference),
                Period(doc.PeriodStart, doc.PeriodEnd),
                doc.Preceding is { } preceding
                    ? new XElement(Cac + "BillingReference", new XElement(Cac + "InvoiceDocumentReference",
                        new XElement(Cbc + "ID", preceding.Number), new XElement(Cbc + "IssueDate", UblDate(preceding.IssueDate))))
                    : null,
                new XElement(Cac + "AccountingSupplierParty", Party(doc.Seller)),
                new XElement(Cac + "AccountingCustomerParty", Party(doc.Buyer)),
                doc.PaymentTerms is null ? null : new XElement(Cac + "PaymentTerms", new XElement(Cbc + "Note", doc.PaymentTerms)),
                doc.Allowances.Select(a => new XElement(Cac + "AllowanceCharge",
                    new XElement(Cbc + "ChargeIndicator", "false"),
                    new XElement(Cbc + "AllowanceChargeReason", a.Reason),
                    Money(Cbc + "Amount", a.AmountMinor),
                    Category(Cac + "TaxCategory", doc.Tax, withExemption: false))),
                new XElement(Cac + "TaxTotal",
                    Money(Cbc + "TaxAmount", doc.TaxTotalMinor),
                    new XElement(Cac + "TaxSubtotal",
                        Money(Cbc + "TaxableAmount", doc.Vat.TaxableMinor),
                        Money(Cbc + "TaxAmount", doc.Vat.TaxMinor),
                        Category(Cac + "TaxCategory", doc.Tax, withExemption: true))),
                new XElement(Cac + "LegalMonetaryTotal",
                    Money(Cbc + "LineExtensionAmount", doc.LineTotalMinor),
                    Money(Cbc + "TaxExclusiveAmount", doc.TaxBasisMinor),
                    Money(Cbc + "TaxInclusiveAmount", doc.GrandTotalMinor),
                    doc.Allowances.Count == 0 ? null : Money(Cbc + "AllowanceTotalAmount", doc.AllowanceTotalMinor),
                    doc.PrepaidMinor == 0 ? null : Money(Cbc + "PrepaidAmount", doc.PrepaidMinor),
                    Money(Cbc + "PayableAmount", doc.DuePayableMinor)),
                doc.Lines.Select((line, i) => new XElement(Cac + (credit ? "CreditNoteLine" : "InvoiceLine"),
                    new XElement(Cbc + "ID", i + 1),
                    new XElement(Cbc + (credit ? "CreditedQuantity" : "InvoicedQuantity"), new XAttribute("unitCode", UnitCode), Quantity(line)),
                    Money(Cbc + "LineExtensionAmount", line.NetAmountMinor),
                    Period(line.PeriodStart, line.PeriodEnd),
                    new XElement(Cac + "Item",
                        Optional(Cbc + "Description", line.Description),
                        new XElement(Cbc + "Name", line.Name),
                        Category(Cac + "ClassifiedTaxCategory", doc.Tax, withExemption: false)),
                    new XElement(Cac + "Price", new XElement(Cbc + "PriceAmount", new XAttribute("currencyID", code), Price(line, doc.Currency)))))));
    }

    /// <summary>The category, its rate (except for "not subject to VAT", BR-O-05) and, in the breakdown, the exemption reason.</summary>
    private static XElement Category(XName name, TaxTreatment tax, bool withExemption) =>
        new(name,
            new XElement(Cbc + "ID", tax.Category),
            tax.Category == VatCategory.NotSubject ? null : new XElement(Cbc + "Percent", Rate(tax.RatePercent)),
            withExemption ? Optional(Cbc + "TaxExemptionReasonCode", tax.ExemptionReasonCode) : null,
            withExemption ? Optional(Cbc + "TaxExemptionReason", tax.ExemptionReason) : null,
            new XElement(Cac + "TaxScheme", new XElement(Cbc + "ID", "VAT")));

    private static XElement Party(EInvoiceParty party) =>
        new(Cac + "Party",
            party.Email is { } email ? new XElement(Cbc + "EndpointID", new XAttribute("schemeID", "EM"), email) : null,
            new XElement(Cac + "PostalAddress",
                Optional(Cbc + "StreetName", party.AddressLine1),
                Optional(Cbc + "AdditionalStreetName", party.AddressLine2),
                Optional(Cbc + "CityName", party.City),
                Optional(Cbc + "PostalZone", party.PostalCode),
                new XElement(Cac + "Country", new XElement(Cbc + "IdentificationCode", party.CountryCode))),
            party.VatId is { } vatId
                ? new XElement(Cac + "PartyTaxScheme", new XElement(Cbc + "CompanyID", vatId), new XElement(Cac + "TaxScheme", new XElement(Cbc + "ID", "VAT")))
                : null,
            new XElement(Cac + "PartyLegalEntity",
                new XElement(Cbc + "RegistrationName", party.Name),
                Optional(Cbc + "CompanyID", party.LegalRegistrationId)));

    private static XElement? Period(DateOnly? start, DateOnly? end) =>
        start is null || end is null
            ? null
            : new XElement(Cac + "InvoicePeriod", new XElement(Cbc + "StartDate", UblDate(start.Value)), new XElement(Cbc + "EndDate", UblDate(end.Value)));

    private static XElement? Optional(XName name, string? value) => string.IsNullOrWhiteSpace(value) ? null : new XElement(name, value);
}
