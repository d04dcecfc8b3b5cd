using Microsoft.Extensions.Configuration;
using MyAccount.Domain.Common;
using MyAccount.Web.Documents;

namespace MyAccount.Tests.Hardening;

/// <summary>
/// CSV exports through CsvHelper: formulas neutralised (including a leading minus and CR; an escaped field is also quoted),
/// amounts with fixed decimals.
/// </summary>
public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "\"'+1+2\"")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("plain, with comma", "\"plain, with comma\"")]
    public void Text_that_a_spreadsheet_would_run_is_escaped(string value, string expected)
    {
        var csv = Csv.Write(["a"], [[value]]);
        csv.Should().Be("a\r\n" + expected + "\r\n");
    }

    [Fact]
    public void Amounts_keep_the_currency_s_decimals_and_negative_amounts_stay_numbers()
    {
        var csv = Csv.Write(["total"],
        [
            [new Money(10000, "USD")], [new Money(2750, "USD")], [new Money(28367, "EUR")], [new Money(-1250, "USD")], [new Money(1500, "JPY")], [5L],
        ]);
        csv.Should().Be("total\r\n100.00\r\n27.50\r\n283.67\r\n-12.50\r\n1500\r\n5\r\n");
    }

    [Fact]
    public void Days_are_iso_dates() =>
        Csv.Write(["day"], [[new DateOnly(2030, 2, 3)]]).Should().Be("day\r\n2030-02-03\r\n");
}

/// <summary>The support role counts only from the vendor's own directory.</summary>
public sealed class SupportRoleTenantTests
{
    private static System.Security.Claims.ClaimsPrincipal Agent(string tenant) => new(new System.Security.Claims.ClaimsIdentity(
        [new("tid", tenant), new("oid", "o1"), new("roles", MyAccount.Web.Auth.MyAccountClaims.SupportRole)], "test", "name", "roles"));

    private static Microsoft.Extensions.Configuration.IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task A_customer_organisation_cannot_make_its_users_support_agents_with_a_multi_organisation_registration()
    {
        var vendor = "7f0c1b7e-1111-4222-8333-944445555666";
        var transform = new MyAccount.Web.Auth.SupportRoleTenants(
            Settings(("AzureAd:TenantId", "organizations"), ("Support:TenantIds:0", vendor)), MyAccount.Web.Auth.AuthenticationMode.Entra);

        MyAccount.Web.Auth.MyAccountClaims.IsSupportAgent(await transform.TransformAsync(Agent(vendor))).Should().BeTrue();
        MyAccount.Web.Auth.MyAccountClaims.IsSupportAgent(await transform.TransformAsync(Agent("0a0a0a0a-2222-4333-8444-955556666777"))).Should().BeFalse();
    }

    [Fact]
    public async Task With_organizations_and_no_vendor_tenant_nobody_is_a_support_agent()
    {
        var transform = new MyAccount.Web.Auth.SupportRoleTenants(Settings(("AzureAd:TenantId", "organizations")), MyAccount.Web.Auth.AuthenticationMode.Entra);
        MyAccount.Web.Auth.MyAccountClaims.IsSupportAgent(await transform.TransformAsync(Agent("7f0c1b7e-1111-4222-8333-944445555666"))).Should().BeFalse();
    }

    [Fact]
    public async Task A_single_tenant_registration_trusts_its_own_tenant()
    {
        var tenant = "7f0c1b7e-1111-4222-8333-944445555666";
        var transform = new MyAccount.Web.Auth.SupportRoleTenants(Settings(("AzureAd:TenantId", tenant)), MyAccount.Web.Auth.AuthenticationMode.Entra);
        MyAccount.Web.Auth.MyAccountClaims.IsSupportAgent(await transform.TransformAsync(Agent(tenant))).Should().BeTrue();
    }
}
