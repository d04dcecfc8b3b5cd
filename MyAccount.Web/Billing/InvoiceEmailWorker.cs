using MyAccount.Domain.Invoices;
using MyAccount.Domain.Notifications;
using MyAccount.Web.Live;

namespace MyAccount.Web.Billing;

/// <summary>
/// Emails posted invoices to the account's recipients: woken when an invoice posts, and every minute for retries.
/// Switched by <c>Billing:InvoiceEmails:Enabled</c> (default true).
/// </summary>
public sealed class InvoiceEmailWorker(InvoiceEmailDispatcher dispatcher, AccountEventNotifier notifier, TimeProvider clock, ILogger<InvoiceEmailWorker> logger)
    : WakeableWorker(notifier, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool WakesOn(AccountEvent accountEvent) => accountEvent is InvoicePosted;

    protected override Task<int> WorkAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);
}
