using MyAccount.Domain.Notifications;
using MyAccount.Domain.Payments;
using MyAccount.Web.Live;

namespace MyAccount.Web.Billing;

/// <summary>
/// Charges posted invoices and due retries: woken when an invoice posts, otherwise every 5 minutes.
/// Switched by <c>Billing:Charging:Enabled</c> (default true).
/// </summary>
public sealed class InvoiceChargingWorker(InvoiceCharging charging, AccountEventNotifier notifier, ILogger<InvoiceChargingWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.SubscribeAll(e =>
        {
            if (e is InvoicePosted or PaymentMethodChanged)
            {
                _wake.Release();
            }

            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await charging.ChargeDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Charging invoices failed; trying again shortly.");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await _wake.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
