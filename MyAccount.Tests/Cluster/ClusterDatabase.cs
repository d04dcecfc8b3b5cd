using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;
using Npgsql;

namespace MyAccount.Tests.Cluster;

/// <summary>What a test reads from (or holds in) the cluster's shared PostgreSQL database.</summary>
public sealed class ClusterDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public MyAccountDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<MyAccountDbContext>();
        new DatabaseSettings(DatabaseProvider.PostgreSQL, ConnectionString).Configure(options);
        return new MyAccountDbContext(options.Options);
    }

    /// <summary>
    /// The <paramref name="watch"/>'s time when <paramref name="email"/> was first seen no longer an active member of the account:
    /// when a removal made elsewhere committed, to within one poll (a few milliseconds, more on a busy machine — never earlier).
    /// </summary>
    public async Task<TimeSpan> WhenNoLongerMemberAsync(string email, Guid account, Stopwatch watch, TimeSpan timeout)
    {
        await using var db = CreateDbContext();
        var accountId = new AccountId(account);
        while (await db.Members.AnyAsync(m => m.Email == email && m.AccountId == accountId && m.Status == MemberStatus.Active))
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{email} was still a member after {timeout}.");
            }

            await Task.Delay(5);
        }

        return watch.Elapsed;
    }

    /// <summary>Whether some session holds the billing scheduler's advisory lock in this database.</summary>
    public async Task<bool> SchedulerLockHeldAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid = @high AND objid = @low " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        command.Parameters.AddWithValue("high", (long)(BillingRunLock.SchedulerLock >> 32));
        command.Parameters.AddWithValue("low", BillingRunLock.SchedulerLock & 0xFFFF_FFFF);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Takes the scheduler lock as another instance would, until the returned session is disposed.</summary>
    public async Task<IAsyncDisposable> HoldSchedulerLockAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({BillingRunLock.SchedulerLock})", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
