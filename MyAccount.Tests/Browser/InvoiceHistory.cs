using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Invoices;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Browser;

/// <summary>The scheduler is off in browser tests: bill a few past months so there is an invoice history to read.</summary>
internal static class InvoiceHistory
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureAsync(MyAccountAppFactory app)
    {
        await Gate.WaitAsync();
        try
        {
            var engine = app.Services.GetRequiredService<BillingEngine>();
            var current = app.CurrentMonth;
            var start = current.Previous.Previous.Previous;
            for (var month = start; month.CompareTo(current.Previous) <= 0; month = month.Next)
            {
                await engine.RunAsync(new OperatorActor("browser-tests"), month);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
