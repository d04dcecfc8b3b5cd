namespace MyAccount.Domain.Tax;

/// <summary>The EN 16931 VAT category codes (UNTDID 5305) this product bills with.</summary>
public static class VatCategory
{
    /// <summary>Standard rate.</summary>
    public const string Standard = "S";

    /// <summary>Reverse charge: the buyer accounts for the VAT (0 %).</summary>
    public const string ReverseCharge = "AE";

    /// <summary>Not subject to VAT: the vendor is not VAT-registered, or VAT is not computed.</summary>
    public const string NotSubject = "O";

    public const string ReverseChargeNote = "Reverse charge: VAT to be accounted for by the recipient, Article 196 of Directive 2006/112/EC";
    public const string ReverseChargeCode = "VATEX-EU-AE";
    public const string NotSubjectNote = "Not subject to VAT";
    public const string NotSubjectCode = "VATEX-EU-O";

    public static string Describe(string category, decimal rate) => category switch
    {
        Standard => $"VAT {VatMath.FormatRate(rate)} %",
        ReverseCharge => "VAT 0 % (reverse charge)",
        _ => "Not subject to VAT",
    };
}
