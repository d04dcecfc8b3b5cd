namespace MyAccount.Web.Cluster;

/// <summary>
/// This process among the cluster's instances: <see cref="Id"/> is new each start (events it relays carry it, so it ignores its own
/// when they come back); <see cref="Name"/> is <c>Cluster:InstanceName</c>, sent as <see cref="Header"/> on every response when set so
/// a developer behind the balancer sees which instance answered (unset: no header, nothing about the host is disclosed).
/// </summary>
public sealed record ClusterInstance(Guid Id, string? Name)
{
    public const string Header = "X-MyAccount-Instance";

    public static ClusterInstance FromConfiguration(IConfiguration configuration) =>
        new(Guid.NewGuid(), configuration["Cluster:InstanceName"] is { Length: > 0 } name ? name : null);
}
