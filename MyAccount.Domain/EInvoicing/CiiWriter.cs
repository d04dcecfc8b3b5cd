using System.Xml.Linq;
using MyAccount.Domain.Tax;
using static MyAccount.Domain.EInvoicing.EInvoiceFormats;

namespace MyAccount.Domain.EInvoicing;

/// <summary>
/// Maps an <see cref="EInvoiceDocument"/> to UN/CEFACT Cross Industry Invoice (D16B) in the EN 16931 profile — the XML that
/// Factur-X / ZUGFeRD PDFs embed. Elements in the order of the CII schema.
/// </summary>
public static class CiiWriter
{
    public const string Guideline = "urn:cen.eu:en16931:2017";

    private static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
    private static readonly XNamespace Qdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

    public static XDocument Write(EInvoiceDocument doc)
    {
        var currency = doc.Currency;
        string Amount(long minor) => EInvoiceFormats.Amount(minor, currency);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Rsm + "CrossIndustryInvoice",
                new XAttribute(XNamespace.Xmlns + "rsm", Rsm), new XAttribute(XNamespace.Xmlns + "ram", Ram),
                new XAttribute(XNamespace.Xmlns + "udt", Udt), new XAttribute(XNamespace.Xmlns + "qdt", Qdt),
                new XElement(Rsm + "ExchangedDocumentContext",
                    new XElement(Ram + "GuidelineSpecifiedDocumentContextParameter", new XElement(Ram + "ID", Guideline))),
                new XElement(Rsm + "ExchangedDocument",
                    new XElement(Ram + "ID", doc.Number),
                    new XElement(Ram + "TypeCode", (int)doc.TypeCode),
                    new XElement(Ram + "IssueDateTime", DateTime(Udt, doc.IssueDate)),
                    doc.Notes.Select(n => new XElement(Ram + "IncludedNote", new XElement(Ram + "Content", n)))),
                new XElement(Rsm + "SupplyChainTradeTransaction",
                    doc.Lines.Select((line, i) => Line(doc, line, i + 1)),
                    new XElement(Ram + "ApplicableHeaderTradeAgreement",
                        Optional(Ram + "BuyerReference", doc.BuyerReference),
                        Party("SellerTradeParty", doc.Seller),
                        Party("BuyerTradeParty", doc.Buyer)),
                    new XElement(Ram + "ApplicableHeaderTradeDelivery"),
                    new XElement(Ram + "ApplicableHeaderTradeSettlement",
                        new XElement(Ram + "InvoiceCurrencyCode", currency.Code),
                        Breakdown(doc.Vat, Amount),
                        Period(doc.PeriodStart, doc.PeriodEnd),
                        doc.Allowances.Select(a => new XElement(Ram + "SpecifiedTradeAllowanceCharge",
                            new XElement(Ram + "ChargeIndicator", new XElement(Udt + "Indicator", "false")),
                            new XElement(Ram + "ActualAmount", Amount(a.AmountMinor)),
                            new XElement(Ram + "Reason", a.Reason),
                            new XElement(Ram + "CategoryTradeTax", Tax(doc.Tax)))),
                        doc.PaymentTerms is null ? null : new XElement(Ram + "SpecifiedTradePaymentTerms", new XElement(Ram + "Description", doc.PaymentTerms)),
                        new XElement(Ram + "SpecifiedTradeSettlementHeaderMonetarySummation",
                            new XElement(Ram + "LineTotalAmount", Amount(doc.LineTotalMinor)),
                            doc.Allowances.Count == 0 ? null : new XElement(Ram + "AllowanceTotalAmount", Amount(doc.AllowanceTotalMinor)),
                            new XElement(Ram + "TaxBasisTotalAmount", Amount(doc.TaxBasisMinor)),
                            new XElement(Ram + "TaxTotalAmount", new XAttribute("currencyID", currency.Code), Amount(doc.TaxTotalMinor)),
                            new XElement(Ram + "GrandTotalAmount", Amount(doc.GrandTotalMinor)),
                            doc.PrepaidMinor == 0 ? null : new XElement(Ram + "TotalPrepaidAmount", Amount(doc.PrepaidMinor)),
                            new XElement(Ram + "DuePayableAmount", Amount(doc.DuePayableMinor))),
                        doc.Preceding is { } preceding
                            ? new XElement(Ram + "InvoiceReferencedDocument",
                                new XElement(Ram + "IssuerAssignedID", preceding.Number),
                                new XElement(Ram + "FormattedIssueDateTime", DateTime(Qdt, preceding.IssueDate)))
                            : null))));
    }

    private static XElement Line(EInvoiceDocument doc, EInvoiceLine line, int number) =>
        new(Ram + "IncludedSupplyChainTradeLineItem",
            new XElement(Ram + "AssociatedDocumentLineDocument", new XElement(Ram + "LineID", number)),
            new XElement(Ram + "SpecifiedTradeProduct",
                new XElement(Ram + "Name", line.Name),
                Optional(Ram + "Description", line.Description)),
            new XElement(Ram + "SpecifiedLineTradeAgreement",
                new XElement(Ram + "NetPriceProductTradePrice", new XElement(Ram + "ChargeAmount", Price(line, doc.Currency)))),
            new XElement(Ram + "SpecifiedLineTradeDelivery",
                new XElement(Ram + "BilledQuantity", new XAttribute("unitCode", UnitCode), Quantity(line))),
            new XElement(Ram + "SpecifiedLineTradeSettlement",
                new XElement(Ram + "ApplicableTradeTax", Tax(doc.Tax)),
                Period(line.PeriodStart, line.PeriodEnd),
                new XElement(Ram + "SpecifiedTradeSettlementLineMonetarySummation",
                    new XElement(Ram + "LineTotalAmount", Amount(line.NetAmountMinor, doc.Currency)))));

    /// <summary>TypeCode, CategoryCode and — except for "not subject to VAT" (BR-O-05) — the rate.</summary>
    private static IEnumerable<XElement> Tax(TaxTreatment tax)
    {
        yield return new XElement(Ram + "TypeCode", "VAT");
        yield return new XElement(Ram + "CategoryCode", tax.Category);
        if (tax.Category != VatCategory.NotSubject)
        {
            yield return new XElement(Ram + "RateApplicablePercent", Rate(tax.RatePercent));
        }
    }

    private static XElement Breakdown(EInvoiceVatBreakdown vat, Func<long, string> amount) =>
        new(Ram + "ApplicableTradeTax",
            new XElement(Ram + "CalculatedAmount", amount(vat.TaxMinor)),
            new XElement(Ram + "TypeCode", "VAT"),
            Optional(Ram + "ExemptionReason", vat.ExemptionReason),
            new XElement(Ram + "BasisAmount", amount(vat.TaxableMinor)),
            new XElement(Ram + "CategoryCode", vat.Category),
            Optional(Ram + "ExemptionReasonCode", vat.ExemptionReasonCode),
            vat.Category == VatCategory.NotSubject ? null : new XElement(Ram + "RateApplicablePercent", Rate(vat.RatePercent)));

    private static XElement Party(string name, EInvoiceParty party) =>
        new(Ram + name,
            new XElement(Ram + "Name", party.Name),
            party.LegalRegistrationId is { } registration
                ? new XElement(Ram + "SpecifiedLegalOrganization", new XElement(Ram + "ID", registration))
                : null,
            new XElement(Ram + "PostalTradeAddress",
                Optional(Ram + "PostcodeCode", party.PostalCode),
                Optional(Ram + "LineOne", party.AddressLine1),
                Optional(Ram + "LineTwo", party.AddressLine2),
                Optional(Ram + "CityName", party.City),
                new XElement(Ram + "CountryID", party.CountryCode)),
            party.Email is { } email
                ? new XElement(Ram + "URIUniversalCommunication", new XElement(Ram + "URIID", new XAttribute("schemeID", "EM"), email))
                : null,
            party.VatId is { } vatId
                ? new XElement(Ram + "SpecifiedTaxRegistration", new XElement(Ram + "ID", new XAttribute("schemeID", "VA"), vatId))
                : null);

    private static XElement? Period(DateOnly? start, DateOnly? end) =>
        start is null || end is null
            ? null
            : new XElement(Ram + "BillingSpecifiedPeriod",
                new XElement(Ram + "StartDateTime", DateTime(Udt, start.Value)),
                new XElement(Ram + "EndDateTime", DateTime(Udt, end.Value)));

    private static XElement DateTime(XNamespace ns, DateOnly day) =>
        new(ns + "DateTimeString", new XAttribute("format", "102"), CiiDate(day));

    private static XElement? Optional(XName name, string? value) => string.IsNullOrWhiteSpace(value) ? null : new XElement(name, value);
}
