using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Web;

/// <summary>The Invoices tab through the running app: downloads, 404 for another account, and the SignalR hub.</summary>
public sealed class InvoiceAccessTests(InvoiceAccessTests.Fixture app) : IClassFixture<InvoiceAccessTests.Fixture>
{
    public sealed class Fixture : MyAccountAppFactory
    {
        public Fixture() => Settings = new() { ["Billing:InvoiceEmails:Enabled"] = "false" };
    }

    private async Task<(Guid Contoso, Guid Northwind)> AccountsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        var accounts = await db.Accounts.ToDictionaryAsync(a => a.Name, a => a.Id.Value);
        return (accounts["Contoso Ltd"], accounts["Northwind Traders"]);
    }

    private static readonly SemaphoreSlim Billing = new(1, 1);

    private async Task<string> BillContosoAsync() => await BillNextAsync((await AccountsAsync()).Contoso);

    /// <summary>Bills an account's next unbilled month (the scheduler is off; periods are billed in order) and returns the invoice number.</summary>
    private async Task<string> BillNextAsync(Guid account)
    {
        await Billing.WaitAsync();
        try
        {
            var id = new Domain.Common.AccountId(account);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
            var latest = await db.Invoices.Where(i => i.AccountId == id).OrderByDescending(i => i.SequenceNumber).Select(i => new { i.Year, i.Month }).FirstOrDefaultAsync();
            var period = latest is null ? app.DemoPeriods.FirstMonth : new BillingMonth(latest.Year, latest.Month).Next;
            var result = await app.Services.GetRequiredService<BillingEngine>().RunAsync(new OperatorActor("test"), period, id);
            return result.Posted.Single().Number;
        }
        finally
        {
            Billing.Release();
        }
    }

    [Fact]
    public async Task A_member_downloads_their_invoice_pdf_and_csvs_while_another_account_gets_404()
    {
        var number = await BillContosoAsync();
        var admin = await app.SignInAsync("admin");
        var member = await app.SignInAsync("member"); // Northwind

        var pdf = await admin.GetAsync($"/account/invoices/{number}/pdf");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await pdf.Content.ReadAsByteArrayAsync()).Take(4).Should().Equal((byte)'%', (byte)'P', (byte)'D', (byte)'F');
        (await admin.GetStringAsync("/account/invoices.csv")).Should().StartWith("number,period,issuedOn,status,currency,total").And.Contain(number);
        (await admin.GetStringAsync($"/account/invoices/{number}/usage.csv")).Should().StartWith("productCode,product,usageType,day,quantity");
        (await admin.GetStringAsync($"/account/invoices/{number}")).Should().Contain($"Invoice {number}");

        (await member.GetAsync($"/account/invoices/{number}/pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await member.GetAsync($"/account/invoices/{number}/usage.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await member.GetAsync($"/account/invoices/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await member.GetAsync($"/account/invoices/{number}/usage")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await member.GetStringAsync("/account/invoices.csv")).Should().NotContain(number);
        (await app.CreateBrowserLikeClient().GetAsync($"/account/invoices/{number}/pdf")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_hub_sends_InvoicePosted_to_the_accounts_own_clients_only()
    {
        await using var contoso = await ConnectAsync("admin");
        await using var northwind = await ConnectAsync("member");
        var toContoso = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var toNorthwind = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        contoso.On<InvoicePostedMessage>("InvoicePosted", m => toContoso.TrySetResult(m.Number));
        northwind.On<InvoicePostedMessage>("InvoicePosted", m => toNorthwind.TrySetResult(m.Number));

        var contosoNumber = await BillContosoAsync();
        (await toContoso.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(contosoNumber);

        // Messages to one connection arrive in order: had Contoso's event leaked to Northwind, it would arrive before Northwind's own.
        var northwindNumber = await BillNextAsync((await AccountsAsync()).Northwind);
        (await toNorthwind.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(northwindNumber);
    }

    [Fact]
    public async Task An_anonymous_client_cannot_connect_to_the_hub()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, AccountHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            })
            .Build();
        var act = () => connection.StartAsync();
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    private Task<HubConnection> ConnectAsync(string persona) => app.ConnectHubAsync(persona);

    private sealed record InvoicePostedMessage(string Number, string Period, long TotalMinor, string Currency);
}
