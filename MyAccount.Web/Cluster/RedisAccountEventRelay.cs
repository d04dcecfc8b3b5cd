using System.Text.Json;
using MyAccount.Domain.Notifications;
using MyAccount.Web.Live;
using StackExchange.Redis;

namespace MyAccount.Web.Cluster;

/// <summary>
/// Account events across the cluster: the domain's publisher when <c>ConnectionStrings:Redis</c> is set. An event is published on
/// <see cref="Channel"/> (fire and forget: a missing Redis never delays billing or a member change), then delivered to this
/// instance's <see cref="AccountEventNotifier"/> exactly as without Redis. Every instance subscribes to the channel and hands
/// the events of the others to its notifier — dashboards, the hub bridge's access checks — skipping its own by instance id, so no
/// subscriber gets an event twice.
/// </summary>
public sealed class RedisAccountEventRelay(AccountEventNotifier notifier, IConnectionMultiplexer redis, ClusterInstance instance,
    ILogger<RedisAccountEventRelay> logger) : IAccountEventPublisher, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("myaccount:account-events");

    /// <summary>Every concrete account event of the domain, by name: a new kind of event is relayed without a change here.</summary>
    private static readonly Dictionary<string, Type> EventTypes = typeof(AccountEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(AccountEvent)) && !t.IsAbstract)
        .ToDictionary(t => t.Name);

    private sealed record Envelope(Guid Origin, string Type, JsonElement Event);

    public async Task PublishAsync(AccountEvent accountEvent)
    {
        // Relayed before this instance's own delivery, which awaits its infrastructure subscribers (a member change re-checks the
        // hub's connections against the database): the other instances need not wait for that. Fire and forget returns at once.
        try
        {
            var envelope = new Envelope(instance.Id, accountEvent.GetType().Name, JsonSerializer.SerializeToElement(accountEvent, accountEvent.GetType()));
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(envelope), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not relay {Event} to the other instances.", accountEvent.GetType().Name);
        }

        await notifier.PublishAsync(accountEvent);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) => _ = ReceiveAsync(message)); // ReceiveAsync catches and logs
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The client keeps the subscription and sends it when the connection comes up; readiness reports Redis meanwhile.
            logger.LogWarning(ex, "Redis is not reachable yet; account events of other instances arrive once it is.");
        }
    }

    private async Task ReceiveAsync(RedisValue message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is null || envelope.Origin == instance.Id)
            {
                return;
            }

            if (!EventTypes.TryGetValue(envelope.Type, out var type) || envelope.Event.Deserialize(type) is not AccountEvent accountEvent)
            {
                logger.LogWarning("Ignored a relayed account event of unknown type {Type}.", envelope.Type);
                return;
            }

            await notifier.DeliverFromOtherInstanceAsync(accountEvent);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not handle a relayed account event.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);
}
