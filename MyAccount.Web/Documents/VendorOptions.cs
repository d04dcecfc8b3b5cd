namespace MyAccount.Web.Documents;

/// <summary>The vendor named on invoices (<c>Vendor:Name</c>, <c>Vendor:Address</c>).</summary>
public sealed class VendorOptions
{
    public string Name { get; set; } = "Lumen Software Ltd.";

    public string Address { get; set; } = "100 Harbour Road, Dublin D02 XY00, Ireland · billing@lumen-software.example";
}
