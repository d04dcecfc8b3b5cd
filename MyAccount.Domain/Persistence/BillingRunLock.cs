using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Persistence.PostgreSql;

namespace MyAccount.Domain.Persistence;

/// <summary>
/// Lets one instance of a cluster be the billing scheduler at a time. On PostgreSQL a session-level advisory lock
/// (<see cref="SchedulerLock"/>, not the per-chunk <see cref="PostgreSqlUsageStore.UsageAndBillingLock"/>) is taken on a connection of
/// its own and held while the holder bills; if that instance dies the server ends its session and the lock is free for the
/// next instance's tick. On SQLite (one machine, one writer) it is always granted.
/// </summary>
public sealed class BillingRunLock(IDbContextFactory<MyAccountDbContext> dbFactory)
{
    /// <summary>The scheduler's advisory lock key ("MyAcSc").</summary>
    public const long SchedulerLock = 0x4D79_4163_5363;

    /// <summary>The lock, held until the returned lease is disposed; null when another instance holds it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            await db.DisposeAsync();
            return NoLease.Instance;
        }

        try
        {
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();
            if (await ExecuteAsync<bool>(connection, $"SELECT pg_try_advisory_lock({SchedulerLock})", ct))
            {
                return new Lease(db, connection);
            }
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        await db.DisposeAsync();
        return null;
    }

    private static async Task<T> ExecuteAsync<T>(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private sealed class Lease(MyAccountDbContext db, DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ExecuteAsync<bool>(connection, $"SELECT pg_advisory_unlock({SchedulerLock})", CancellationToken.None);
            }
            finally
            {
                // Closing the session releases the lock too, should the unlock itself have failed.
                await db.Database.CloseConnectionAsync();
                await db.DisposeAsync();
            }
        }
    }

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
