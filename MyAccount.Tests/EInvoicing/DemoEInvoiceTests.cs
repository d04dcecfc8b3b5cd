using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Common;
using MyAccount.Domain.EInvoicing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Tax;
using MyAccount.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace MyAccount.Tests.EInvoicing;

/// <summary>The demo data with Development's VAT on (an Irish vendor): its billed history as e-invoices, and Fabrikam's Factur-X PDF.</summary>
public sealed class DemoEInvoiceTests : IAsyncLifetime
{
    private static readonly OperatorActor Operator = new("demo-einvoice-tests");
    private readonly MyAccountAppFactory _app = new() { Settings = new() { ["Tax:Enabled"] = "true" } };

    public async Task InitializeAsync()
    {
        var engine = _app.Services.GetRequiredService<BillingEngine>();
        for (var month = _app.DemoPeriods.FirstMonth; month.CompareTo(_app.CurrentMonth) <= 0; month = month.Next)
        {
            await engine.RunAsync(Operator, month);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<(string Number, string Account)>> InvoicesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        return (await db.Invoices.OrderBy(i => i.SequenceNumber)
                .Join(db.Accounts, i => i.AccountId, a => a.Id, (i, a) => new { i.Number, a.Name }).ToListAsync())
            .Select(r => (r.Number, r.Name)).ToList();
    }

    [Fact]
    public async Task The_demo_history_s_e_invoices_pass_EN_16931_with_reverse_charge_for_Fabrikam()
    {
        var service = _app.Services.GetRequiredService<EInvoiceService>();
        var invoices = await InvoicesAsync();
        invoices.Should().HaveCountGreaterThan(30);
        var cii = new Dictionary<string, byte[]>();
        var ubl = new Dictionary<string, byte[]>();
        foreach (var (number, account) in invoices)
        {
            var document = await service.GetDocumentAsync(Operator, number);
            document.Tax.Category.Should().Be(account == "Fabrikam GmbH" ? VatCategory.ReverseCharge : VatCategory.Standard, $"{number} of {account}");
            cii[$"{number}.xml"] = EInvoiceService.Serialize(document, EInvoiceSyntax.Cii);
            ubl[$"{number}.xml"] = EInvoiceService.Serialize(document, EInvoiceSyntax.Ubl);
        }

        foreach (var (syntax, files) in new[] { ("cii", cii), ("ubl", ubl) })
        {
            var (exitCode, output) = await EInvoiceValidator.ValidateAsync(syntax, files);
            exitCode.Should().Be(0, output);
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(files.Count).And.OnlyContain(l => l.Contains("valid EN 16931"));
        }
    }

    [Fact]
    public async Task Fabrikam_s_PDF_is_a_Factur_X_hybrid_carrying_the_same_CII_and_every_document_states_the_same_totals()
    {
        var number = (await InvoicesAsync()).Last(i => i.Account == "Fabrikam GmbH").Number;
        var queries = _app.Services.GetRequiredService<InvoiceQueries>();
        var invoice = await queries.GetInvoiceAsync(Operator, number);
        var cii = await _app.Services.GetRequiredService<EInvoiceService>().GetFileAsync(Operator, number, EInvoiceSyntax.Cii);
        var ubl = await _app.Services.GetRequiredService<EInvoiceService>().GetFileAsync(Operator, number, EInvoiceSyntax.Ubl);
        cii.AccountWantsEInvoices.Should().BeTrue("the demo's Fabrikam GmbH opts in to e-invoices");

        var pdf = _app.Services.GetRequiredService<IInvoiceDocumentRenderer>().RenderPdf(invoice, await queries.GetInvoiceUsageAsync(Operator, number), cii.Content);

        using (var document = PdfDocument.Open(pdf))
        {
            document.Advanced.TryGetEmbeddedFiles(out var files).Should().BeTrue();
            var embedded = files.Should().ContainSingle().Which;
            embedded.Name.Should().Be("factur-x.xml");
            embedded.Bytes.ToArray().Should().Equal(cii.Content);
            var text = string.Join(" ", document.GetPages().Select(p => p.Text));
            var tax = invoice.Tax!;
            text.Should().Contain(new Money(tax.NetMinor, invoice.CurrencyCode).Format()).And.Contain(invoice.Total.Format()).And.Contain("Article 196");
        }

        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        raw.Should().Contain("/AF[").And.Contain("/AFRelationship/Alternative").And.Contain("/Subtype/text#2Fxml").And.Contain("<pdfaid:part>3</pdfaid:part>").And.Contain("<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>");
        if (File.Exists("/usr/bin/pdfdetach"))
        {
            (await PdfDetachAsync(pdf)).Should().Equal(cii.Content);
        }

        var expected = new EInvoiceTotals(invoice.Tax!.NetMinor, invoice.Tax.TaxMinor, invoice.Tax.GrossMinor, invoice.TotalMinor, 2);
        EInvoiceTotals.Read(cii.Content).Should().Be(expected);
        EInvoiceTotals.Read(ubl.Content).Should().Be(expected);
    }

    /// <summary>poppler's pdfdetach: the embedded factur-x.xml as another PDF reader sees it.</summary>
    private static async Task<byte[]> PdfDetachAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("facturx-").FullName;
        try
        {
            var input = Path.Combine(folder, "invoice.pdf");
            var output = Path.Combine(folder, "factur-x.xml");
            await File.WriteAllBytesAsync(input, pdf);
            var start = new ProcessStartInfo("pdfdetach") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-save", "1", "-o", output, input })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, await process.StandardError.ReadToEndAsync());
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
