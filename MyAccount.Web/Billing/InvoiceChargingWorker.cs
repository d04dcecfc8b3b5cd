using MyAccount.Domain.Notifications;
using MyAccount.Domain.Payments;
using MyAccount.Web.Live;

namespace MyAccount.Web.Billing;

/// <summary>
/// Charges posted invoices and due retries, and asks the gateway again for refunds it could not make: woken when an invoice
/// posts or a card changes, otherwise every 5 minutes.
/// Switched by <c>Billing:Charging:Enabled</c> (default true).
/// </summary>
public sealed class InvoiceChargingWorker(InvoiceCharging charging, MyAccount.Domain.Invoices.CreditNoteService creditNotes, AccountEventNotifier notifier, TimeProvider clock, ILogger<InvoiceChargingWorker> logger)
    : WakeableWorker(notifier, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override bool WakesOn(AccountEvent accountEvent) => accountEvent is InvoicePosted or PaymentMethodChanged;

    protected override async Task<int> WorkAsync(CancellationToken ct) => await charging.ChargeDueAsync(ct) + await creditNotes.RefundDueAsync(ct);
}
