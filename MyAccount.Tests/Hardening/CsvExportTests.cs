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
