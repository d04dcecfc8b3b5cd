using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Usage;

/// <summary>Rebuilds the daily rollups from the raw events (after a bulk load such as the demo data).</summary>
public static class UsageRollups
{
    public static Task<int> RebuildAsync(MyAccountDbContext db, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync("""
            DELETE FROM UsageDailyTotals;
            INSERT INTO UsageDailyTotals (AccountId, ProductId, Day, UsageTypeCode, Quantity)
            SELECT AccountId, ProductId, substr(OccurredAt, 1, 10), UsageTypeCode, SUM(Quantity)
            FROM UsageEvents
            GROUP BY AccountId, ProductId, substr(OccurredAt, 1, 10), UsageTypeCode;
            """, ct);
}
