using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// A test of several real app processes on one PostgreSQL database and one Redis: it runs in test.sh's PostgreSQL pass (which starts
/// both servers) and is skipped on SQLite, where instances cannot share a database. Redis: <c>MYACCOUNT_TEST_REDIS</c>, else the
/// local one scripts/redis.sh starts (127.0.0.1:6390).
/// </summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    /// <summary>The cluster tests run one class at a time: each starts app processes, and the machine has two cores.</summary>
    public const string Collection = "Cluster";

    public ClusterFactAttribute()
    {
        if (!TestDatabase.IsPostgreSql)
        {
            Skip = "Cluster tests run on PostgreSQL only (MYACCOUNT_TEST_DATABASE=PostgreSQL; test.sh's second pass).";
        }
    }

    public static string Redis => Environment.GetEnvironmentVariable("MYACCOUNT_TEST_REDIS") is { Length: > 0 } configured
        ? configured
        : "127.0.0.1:6390";
}
