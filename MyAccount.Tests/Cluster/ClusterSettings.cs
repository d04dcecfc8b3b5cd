using System.Globalization;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Cluster;

/// <summary>The settings every instance of a test cluster shares: one database, one Redis, one pinned start time.</summary>
public static class ClusterSettings
{
    public const string OperatorKey = "dev-operator-key";

    public static Dictionary<string, string> For(string database, bool scheduler) => new()
    {
        ["Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:MyAccount"] = database,
        ["ConnectionStrings:Redis"] = ClusterFactAttribute.Redis,
        // Every instance starts its clock at the suite's start instant (then it runs at the real pace): no machine calendar.
        ["Clock:Start"] = TestClock.Start.ToString("O", CultureInfo.InvariantCulture),
        ["Billing:Scheduler:Enabled"] = scheduler ? "true" : "false",
        ["Billing:Scheduler:LockRetry"] = "00:00:00.500",
        ["Billing:InvoiceEmails:Enabled"] = "false",
        ["Billing:Charging:Enabled"] = "false",
    };
}
