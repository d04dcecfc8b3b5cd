using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MyAccount.Domain.Notifications;

namespace MyAccount.Web.Live;

/// <summary>
/// The reloads one event causes in many open dashboards share one read. An invoice posted to an account with a thousand open
/// Invoices tabs used to run the same query a thousand times; now the first tab to react reads and the others showing the same
/// thing (<c>key</c>: the list and its page) take its answer. Entries live exactly as long as the event object (every dashboard
/// on this instance gets the same instance), so nothing is kept once the fan-out is over.
/// <para>
/// Only callers whose access is the same share a read: pages use this for member actors of the event's account, whose access
/// was checked when the page loaded and is re-read on <see cref="MembersChanged"/>; support agents (whose views are audited)
/// read for themselves. A follower whose shared read failed reads for itself, so nobody ever sees another person's error.
/// </para>
/// </summary>
public sealed class SharedReloads
{
    private readonly ConditionalWeakTable<AccountEvent, ConcurrentDictionary<string, Lazy<Task<object>>>> _reads = [];

    public async Task<T> ReadAsync<T>(AccountEvent cause, string key, Func<Task<T>> read)
        where T : class
    {
        var shared = _reads.GetOrCreateValue(cause).GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await read()));
        try
        {
            return (T)await shared.Value;
        }
        catch (Exception)
        {
            return await read();
        }
    }
}
