using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using MyAccount.Domain.Notifications;
using MyAccount.Web.Health;
using MyAccount.Web.Live;
using StackExchange.Redis;

namespace MyAccount.Web.Cluster;

/// <summary>
/// What changes when MyAccount runs as several instances behind a load balancer. Without <c>ConnectionStrings:Redis</c> (the
/// embedded default) account events stay in this process, as always. With it (a StackExchange.Redis configuration string such as
/// <c>localhost:6390</c>): the SignalR backplane for <c>/hubs/account</c> and the account-event relay, so dashboards and hub clients
/// on every instance see what any instance posted; readiness then also checks Redis.
/// </summary>
public static class ClusterSetup
{
    public static void AddMyAccountCluster(this WebApplicationBuilder builder)
    {
        var instance = ClusterInstance.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(instance);
        // LiveUpdates:MaxConcurrentDashboards: dashboard handlers that may run at once (default: one per core; see AccountEventNotifier).
        var turns = builder.Configuration.GetValue("LiveUpdates:MaxConcurrentDashboards", 0);
        builder.Services.AddSingleton(sp => new AccountEventNotifier(sp.GetRequiredService<ILogger<AccountEventNotifier>>(), sp.GetRequiredService<TimeProvider>(), turns));
        builder.Services.AddSingleton<SharedReloads>();
        var health = builder.Services.AddHealthChecks()
            .AddCheck("process", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("The process is up."), tags: [HealthEndpoints.Live])
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.Ready]);

        var configured = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(configured))
        {
            builder.Services.AddSingleton<IAccountEventPublisher>(sp => sp.GetRequiredService<AccountEventNotifier>());
            return;
        }

        var options = ConfigurationOptions.Parse(configured);
        // Start (and report "not ready") while Redis is down rather than fail; the client reconnects by itself.
        options.AbortOnConnectFail = false;
        options.ClientName ??= instance.Name ?? "myaccount";
        var redis = ConnectionMultiplexer.Connect(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddSingleton<RedisAccountEventRelay>();
        builder.Services.AddSingleton<IAccountEventPublisher>(sp => sp.GetRequiredService<RedisAccountEventRelay>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisAccountEventRelay>());
        // Answer the balancer's check within 2 s when Redis is down (the client's own timeout is 5 s).
        health.AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.Ready], timeout: TimeSpan.FromSeconds(2));
        // The backplane for /hubs/account only: its groups span the instances. Blazor circuits stay on the instance that holds them
        // (the balancer's sticky sessions), so their hub keeps the in-process lifetime manager and sends nothing through Redis.
        builder.Services.Configure<RedisOptions>(backplane =>
        {
            backplane.Configuration.ChannelPrefix = RedisChannel.Literal("myaccount:signalr");
            backplane.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(redis);
        });
        builder.Services.AddSingleton<HubLifetimeManager<AccountHub>, RedisHubLifetimeManager<AccountHub>>();
    }

    /// <summary>Names the instance that answered (<see cref="ClusterInstance.Header"/>) when <c>Cluster:InstanceName</c> is set.</summary>
    public static void UseClusterInstanceHeader(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ClusterInstance>().Name is not { } name)
        {
            return;
        }

        app.Use((context, next) =>
        {
            context.Response.Headers[ClusterInstance.Header] = name;
            return next(context);
        });
    }
}
