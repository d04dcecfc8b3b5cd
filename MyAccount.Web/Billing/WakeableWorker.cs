using MyAccount.Domain.Notifications;
using MyAccount.Web.Live;

namespace MyAccount.Web.Billing;

/// <summary>
/// A background worker that does its work until there is none left, then sleeps until one of the account events it cares
/// about is published or its interval passes (for retries that come due). A failure is logged and retried on the next round.
/// The interval is measured by the injected <see cref="TimeProvider"/>, so a test's fake clock drives it.
/// </summary>
public abstract class WakeableWorker(AccountEventNotifier notifier, TimeProvider clock, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>How long to sleep when nothing wakes the worker.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether an event should wake the worker at once.</summary>
    protected abstract bool WakesOn(AccountEvent accountEvent);

    /// <summary>One round of work; returns how many items it handled (0 = nothing left for now).</summary>
    protected abstract Task<int> WorkAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.SubscribeAll(e =>
        {
            if (WakesOn(e))
            {
                _wake.Release();
            }

            return Task.CompletedTask;
        }, includeOtherInstances: false); // in a cluster, the instance that posted wakes its own worker; the others keep their interval
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await WorkAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Worker} failed; trying again shortly.", GetType().Name);
            }

            using var interval = new CancellationTokenSource(Interval, clock);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
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
        GC.SuppressFinalize(this);
    }
}
