using System.Collections.Concurrent;
using System.Threading.Channels;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;

namespace MyAccount.Web.Live;

/// <summary>
/// Live updates: a singleton that open dashboards subscribe to, per account. The domain publishes after each commit; every
/// subscriber of that account — and only of that account — gets the event.
/// <para>
/// Publishing never waits for dashboards: it puts the event in each subscribed dashboard's own bounded queue
/// (<see cref="QueueCapacity"/> events; when a dashboard falls that far behind, its oldest events are dropped) and returns.
/// A fixed set of <see cref="MaxConcurrentDashboards"/> dispatch loops (by default one per core) hands the queued events to the
/// dashboards: one dashboard at a time per loop, one event per turn, each dashboard's events in order and never two at once, and a
/// dashboard with more waiting goes to the back of the line. So an invoice posted to an account with a thousand open tabs wakes
/// those few loops, not a thousand tasks on the thread pool where the billing run's own continuations would wait behind them, and a
/// subscription holds no task of its own. A handler that takes longer than <see cref="SlowDashboard"/> is left to finish on its own
/// while its loop goes on, so slow, blocked or failing circuits never hold the others. Subscriptions are disposed with the component.
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

    /// <summary>Dashboards with events waiting, each at most once, in the order they are to get a turn.</summary>
    private readonly Channel<DashboardSubscriber> _ready = Channel.CreateUnbounded<DashboardSubscriber>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private int _dispatching;

    private readonly ConcurrentDictionary<AccountId, ConcurrentDictionary<Guid, DashboardSubscriber>> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, (Func<AccountEvent, Task> Handler, bool IncludeOtherInstances)> _everything = new();

    public IDisposable Subscribe(AccountId accountId, Func<AccountEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        StartDispatching();
        var subscriber = new DashboardSubscriber(handler);
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
                if (subscriber.Post(accountEvent))
                {
                    _ready.Writer.TryWrite(subscriber);
                }
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

    private void StartDispatching()
    {
        if (Interlocked.CompareExchange(ref _dispatching, 1, 0) == 0)
        {
            for (var i = 0; i < MaxConcurrentDashboards; i++)
            {
                _ = Task.Run(DispatchAsync);
            }
        }
    }

    /// <summary>One dispatch loop: a dashboard with events waiting, its next event, then the next dashboard.</summary>
    private async Task DispatchAsync()
    {
        await foreach (var subscriber in _ready.Reader.ReadAllAsync())
        {
            // To the back of the thread pool's line before each dashboard: a handler that completes at once (the circuit was idle
            // and rendered inline) would otherwise let this loop run dashboard after dashboard on its thread while the billing run's
            // continuations wait. Measured: a one-account run went from 20 to 200–500 ms with 1,000 tabs open without this.
            await Task.Yield();
            if (!subscriber.TryTake(out var accountEvent))
            {
                continue;
            }

            Task handling;
            try
            {
                handling = subscriber.Handler(accountEvent);
            }
            catch (Exception ex)
            {
                handling = Task.FromException(ex);
            }

            try
            {
                await handling.WaitAsync(SlowDashboard, time ?? TimeProvider.System);
            }
            catch (TimeoutException) when (!handling.IsCompleted)
            {
                // Slow or blocked: it finishes on its own, and gets its next event after that; this loop goes on.
                _ = FinishSlowAsync(subscriber, accountEvent, handling);
                continue;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A dashboard failed to handle {Event}.", accountEvent.GetType().Name);
            }

            NextTurn(subscriber);
        }
    }

    private async Task FinishSlowAsync(DashboardSubscriber subscriber, AccountEvent accountEvent, Task handling)
    {
        try
        {
            await handling;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A dashboard failed to handle {Event}.", accountEvent.GetType().Name);
        }

        NextTurn(subscriber);
    }

    private void NextTurn(DashboardSubscriber subscriber)
    {
        if (subscriber.HasMore())
        {
            _ready.Writer.TryWrite(subscriber);
        }
    }

    /// <summary>
    /// One dashboard's handler and its queue. <c>_scheduled</c> is true while the dashboard is in the ready line or being handled,
    /// so it is never handled by two loops at once and its events keep their order.
    /// </summary>
    private sealed class DashboardSubscriber(Func<AccountEvent, Task> handler)
    {
        private readonly Queue<AccountEvent> _pending = new();
        private bool _scheduled;
        private bool _closed;

        public Func<AccountEvent, Task> Handler { get; } = handler;

        /// <summary>Queues the event; true when the dashboard must join the ready line (it was not in it or being handled).</summary>
        public bool Post(AccountEvent accountEvent)
        {
            lock (_pending)
            {
                if (_closed)
                {
                    return false;
                }

                if (_pending.Count == QueueCapacity)
                {
                    _pending.Dequeue();
                }

                _pending.Enqueue(accountEvent);
                if (_scheduled)
                {
                    return false;
                }

                _scheduled = true;
                return true;
            }
        }

        public bool TryTake([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AccountEvent? accountEvent)
        {
            lock (_pending)
            {
                accountEvent = null;
                if (!_closed && _pending.TryDequeue(out accountEvent))
                {
                    return true;
                }

                _scheduled = false;
                return false;
            }
        }

        /// <summary>After one event: true when more are waiting (it stays scheduled and goes to the back of the line).</summary>
        public bool HasMore()
        {
            lock (_pending)
            {
                if (!_closed && _pending.Count > 0)
                {
                    return true;
                }

                _scheduled = false;
                return false;
            }
        }

        public void Complete()
        {
            lock (_pending)
            {
                _closed = true;
                _pending.Clear();
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
