using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MyAccount.Web.Health;

/// <summary>Healthy when Redis (the cluster's event relay and SignalR backplane) answers a PING. Registered only when configured.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis reachable ({latency.TotalMilliseconds:0.#} ms).");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis cannot be reached.", ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // No answer within the check's time (the client keeps reconnecting): the same answer as a refused connection,
            // whichever comes first on a busy machine.
            return HealthCheckResult.Unhealthy("Redis cannot be reached.", ex);
        }
    }
}
