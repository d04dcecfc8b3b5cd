namespace MyAccount.Domain.EInvoicing;

/// <summary>The two syntaxes EN 16931 binds: UN/CEFACT CII (Factur-X / ZUGFeRD) and OASIS UBL 2.1 (XRechnung).</summary>
public enum EInvoiceSyntax
{
    Cii,
    Ubl,
}

/// <summary>An e-invoice as a file: its bytes (UTF-8 XML), name and the account's choice to receive e-invoices.</summary>
public sealed record EInvoiceFile(string FileName, byte[] Content, bool AccountWantsEInvoices);

public static class EInvoiceSyntaxes
{
    /// <summary>"cii" or "ubl" (any case); anything else is refused with the field <c>syntax</c>.</summary>
    public static EInvoiceSyntax Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "cii" => EInvoiceSyntax.Cii,
        "ubl" => EInvoiceSyntax.Ubl,
        _ => throw new Common.DomainValidationException("syntax", "syntax must be cii (UN/CEFACT CII, Factur-X) or ubl (UBL 2.1, XRechnung)."),
    };
}
