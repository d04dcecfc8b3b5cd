using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MyAccount.Domain.Persistence;

/// <summary>Applies the migrations at start-up and puts a file database into WAL mode (readers never wait for the writer).</summary>
public sealed class DatabaseInitializer(IDbContextFactory<MyAccountDbContext> dbFactory, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode=WAL").ToListAsync(ct);
            logger.LogInformation("SQLite journal mode: {Mode}", mode.FirstOrDefault());
        }
    }
}
