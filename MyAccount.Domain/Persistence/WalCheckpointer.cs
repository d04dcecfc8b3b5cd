using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MyAccount.Domain.Persistence;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file (a checkpoint). Left to SQLite, the connection whose commit
/// takes the log past 1,000 pages does this inside its own request, so every dozenth usage batch pays for the ones before
/// it. The app's connections instead leave it to a background worker that calls this a few times a second; their own
/// automatic checkpoint stays on at <see cref="SafetyNetPages"/> in case the worker is not running.
/// </summary>
public sealed class WalCheckpointer(IDbContextFactory<MyAccountDbContext> dbFactory)
{
    /// <summary>The log size (4 KB pages, 40 MB) at which a committing connection checkpoints by itself after all.</summary>
    public const int SafetyNetPages = 10_000;

    /// <summary>
    /// Checkpoints without waiting for readers or writers (PASSIVE): whatever is not in use is copied now, the rest next time.
    /// Returns the pages in the log and how many of them are now in the database file (both 0 when not in WAL mode).
    /// </summary>
    public async Task<CheckpointResult> CheckpointAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite())
        {
            return new CheckpointResult(0, 0);
        }

        await db.Database.OpenConnectionAsync(ct);
        await using var command = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(ct);
        // One row: busy (another checkpoint holds the lock), pages in the log, pages checkpointed; -1 when not in WAL mode.
        return await reader.ReadAsync(ct)
            ? new CheckpointResult(Math.Max(0, reader.GetInt32(1)), Math.Max(0, reader.GetInt32(2)))
            : new CheckpointResult(0, 0);
    }
}

/// <summary>Pages in the write-ahead log, and how many of them are already copied into the database file.</summary>
public sealed record CheckpointResult(int LogPages, int CheckpointedPages);
