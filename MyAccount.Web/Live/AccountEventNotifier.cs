using System.Collections.Concurrent;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;

namespace MyAccount.Web.Live;

/// <summary>
/// Live updates: a singleton that open dashboards subscribe to, per account. The domain publishes after each commit;
/// every subscriber of that account — and only of that account — is called. Subscriptions are disposed with the component.
/// </summary>
public sealed class AccountEventNotifier(ILogger<AccountEventNotifier> logger) : IAccountEventPublisher
{
    private readonly ConcurrentDictionary<AccountId, ConcurrentDictionary<Guid, Func<AccountEvent, Task>>> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, Func<AccountEvent, Task>> _everything = new();

    public IDisposable Subscribe(AccountId accountId, Func<AccountEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(accountId, _ => new()).TryAdd(id, handler);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(accountId, out var handlers))
            {
                handlers.TryRemove(id, out _);
            }
        });
    }

    /// <summary>Every account's events (the SignalR bridge, the invoice mailer's wake-up).</summary>
    public IDisposable SubscribeAll(Func<AccountEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        _everything.TryAdd(id, handler);
        return new Subscription(() => _everything.TryRemove(id, out _));
    }

    public int SubscriberCount(AccountId accountId) => _subscribers.TryGetValue(accountId, out var handlers) ? handlers.Count : 0;

    public async Task PublishAsync(AccountEvent accountEvent)
    {
        var handlers = _subscribers.TryGetValue(accountEvent.AccountId, out var own) ? own.Values : [];
        foreach (var handler in handlers.Concat(_everything.Values))
        {
            try
            {
                await handler(accountEvent);
            }
            catch (Exception ex)
            {
                // One broken dashboard must not stop the others (or the billing run that published).
                logger.LogWarning(ex, "A live-update subscriber failed for {Event}.", accountEvent.GetType().Name);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
