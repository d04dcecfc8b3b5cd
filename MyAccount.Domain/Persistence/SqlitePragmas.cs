using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MyAccount.Domain.Persistence;

/// <summary>
/// Per-connection SQLite settings: <c>synchronous=NORMAL</c>, the recommended level in WAL mode (no corruption on a crash;
/// a power cut may lose the last commits, which callers retry idempotently), and a busy timeout so a writer waits for another
/// writer instead of failing. Checkpoints of the write-ahead log are left to <see cref="WalCheckpointer"/> in the background,
/// with SQLite's own as a safety net at <see cref="WalCheckpointer.SafetyNetPages"/> pages. These settings belong to the
/// native connection, which the pool keeps open between uses, so they are set once per native connection, not on every open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=" + WalCheckpointer.SafetyNetPages + ";";

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

    private static bool NeedsPragmas(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryAdd(handle, Configured);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
