using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MyAccount.Domain.Persistence;

namespace MyAccount.Web.Health;

/// <summary>Healthy when the database answers a query and has no pending migrations.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<MyAccountDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var accounts = await db.Accounts.CountAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"Database reachable; {accounts} account(s).")
                : HealthCheckResult.Unhealthy($"{pending} database migration(s) not applied.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
