using MyAccount.Domain.Invoices;
using MyAccount.Domain.Notifications;
using MyAccount.Web.Live;

namespace MyAccount.Web.Billing;

/// <summary>
/// Emails posted invoices to the account's recipients: woken when an invoice posts, and every minute for retries.
/// Switched by <c>Billing:InvoiceEmails:Enabled</c> (default true).
/// </summary>
public sealed class InvoiceEmailWorker(InvoiceEmailDispatcher dispatcher, AccountEventNotifier notifier, ILogger<InvoiceEmailWorker> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.SubscribeAll(e =>
        {
            if (e is InvoicePosted)
            {
                _wake.Release();
            }

            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.DispatchDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Emailing invoices failed; trying again shortly.");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
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
