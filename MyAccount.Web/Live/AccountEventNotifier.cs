using System.Collections.Concurrent;
using System.Threading.Channels;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;

namespace MyAccount.Web.Live;

/// <summary>
/// Live updates: a singleton that open dashboards subscribe to, per account. The domain publishes after each commit; every
/// subscriber of that account — and only of that account — gets the event.
/// <para>
/// Publishing never waits for dashboards: each dashboard subscription has its own bounded queue (<see cref="QueueCapacity"/>
/// events; when a dashboard falls that far behind, its oldest events are dropped) drained by its own loop, so a slow, blocked
/// or failing circuit delays neither billing nor the other circuits. Subscriptions are disposed with the component.
/// The fan-out is also bounded in CPU: at most <see cref="MaxConcurrentDashboards"/> dashboard handlers (by default one per core)
/// run at once across all circuits, so an invoice posted to an account with a thousand open tabs queues a thousand reloads
/// instead of flooding the thread pool, where the billing run's own continuations would wait behind them. A handler that takes
/// longer than <see cref="SlowDashboard"/> gives its turn back and finishes on its own, so blocked dashboards never hold the others.
/// Infrastructure subscribers (<see cref="SubscribeAll"/>: the hub bridge, the invoice mailer's wake-up) are called before
/// the publisher returns: they are quick, and closing a removed member's connections must happen at once.
/// </para>
/// <para>
/// In a cluster (<c>ConnectionStrings:Redis</c>) events posted on another instance arrive through
/// <see cref="DeliverFromOtherInstanceAsync"/> (<see cref="MyAccount.Web.Cluster.RedisAccountEventRelay"/>) and reach the same
/// subscribers, except infrastructure subscribers that asked for this instance's events only.
/// </para>
/// </summary>
public sealed class AccountEventNotifier(ILogger<AccountEventNotifier> logger, TimeProvider? time = null, int maxConcurrentDashboards = 0) : IAccountEventPublisher
{
    /// <summary>Events a dashboard may fall behind by before its oldest are dropped.</summary>
    public const int QueueCapacity = 64;

    /// <summary>How long one dashboard's handler may hold its turn before it goes on without one.</summary>
    public static readonly TimeSpan SlowDashboard = TimeSpan.FromSeconds(1);

    /// <summary>Dashboard handlers that may run at once (0 or less: one per processor).</summary>
    public int MaxConcurrentDashboards { get; } = maxConcurrentDashboards > 0 ? maxConcurrentDashboards : Environment.ProcessorCount;

    private SemaphoreSlim? _turns;

    private SemaphoreSlim Turns => LazyInitializer.EnsureInitialized(ref _turns, () => new SemaphoreSlim(MaxConcurrentDashboards));

    private readonly ConcurrentDictionary<AccountId, ConcurrentDictionary<Guid, DashboardSubscriber>> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, (Func<AccountEvent, Task> Handler, bool IncludeOtherInstances)> _everything = new();

    public IDisposable Subscribe(AccountId accountId, Func<AccountEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        var subscriber = new DashboardSubscriber(handler, Turns, time ?? TimeProvider.System, logger);
        _subscribers.GetOrAdd(accountId, _ => new()).TryAdd(id, subscriber);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(accountId, out var handlers) && handlers.TryRemove(id, out var removed))
            {
                removed.Complete();
            }
        });
    }

    /// <summary>
    /// Every account's events (the SignalR bridge, the invoice mailer's wake-up), called before the publisher returns.
    /// <paramref name="includeOtherInstances"/> false: only events posted on this instance (work another instance already does
    /// for its own events, such as sending to the hub's groups over the backplane).
    /// </summary>
    public IDisposable SubscribeAll(Func<AccountEvent, Task> handler, bool includeOtherInstances = true)
    {
        var id = Guid.NewGuid();
        _everything.TryAdd(id, (handler, includeOtherInstances));
        return new Subscription(() => _everything.TryRemove(id, out _));
    }

    public int SubscriberCount(AccountId accountId) => _subscribers.TryGetValue(accountId, out var handlers) ? handlers.Count : 0;

    /// <summary>An event posted on this instance.</summary>
    public Task PublishAsync(AccountEvent accountEvent) => DeliverAsync(accountEvent, fromOtherInstance: false);

    /// <summary>An event another instance of the cluster posted (relayed over Redis).</summary>
    public Task DeliverFromOtherInstanceAsync(AccountEvent accountEvent) => DeliverAsync(accountEvent, fromOtherInstance: true);

    private async Task DeliverAsync(AccountEvent accountEvent, bool fromOtherInstance)
    {
        if (_subscribers.TryGetValue(accountEvent.AccountId, out var own))
        {
            foreach (var subscriber in own.Values)
            {
                subscriber.Post(accountEvent);
            }
        }

        foreach (var (handler, includeOtherInstances) in _everything.Values)
        {
            if (fromOtherInstance && !includeOtherInstances)
            {
                continue;
            }

            try
            {
                await handler(accountEvent);
            }
            catch (Exception ex)
            {
                // One broken subscriber must not stop the others (or the billing run that published).
                logger.LogWarning(ex, "A live-update subscriber failed for {Event}.", accountEvent.GetType().Name);
            }
        }
    }

    /// <summary>One dashboard's queue and the loop that hands its events to it, one at a time, in order.</summary>
    private sealed class DashboardSubscriber
    {
        private readonly Channel<AccountEvent> _queue = Channel.CreateBounded<AccountEvent>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false });

        public DashboardSubscriber(Func<AccountEvent, Task> handler, SemaphoreSlim turns, TimeProvider time, ILogger logger) =>
            _ = Task.Run(async () =>
            {
                await foreach (var accountEvent in _queue.Reader.ReadAllAsync())
                {
                    await turns.WaitAsync();
                    var released = false;
                    try
                    {
                        var handling = handler(accountEvent);
                        try
                        {
                            await handling.WaitAsync(SlowDashboard, time);
                        }
                        catch (TimeoutException)
                        {
                            // Slow or blocked: give the turn back and finish without one.
                            released = true;
                            turns.Release();
                            await handling;
                        }
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "A dashboard failed to handle {Event}.", accountEvent.GetType().Name);
                    }
                    finally
                    {
                        if (!released)
                        {
                            turns.Release();
                        }
                    }
                }
            });

        public void Post(AccountEvent accountEvent) => _queue.Writer.TryWrite(accountEvent);

        public void Complete() => _queue.Writer.TryComplete();
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
