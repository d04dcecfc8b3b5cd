using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Persistence;
using Npgsql;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// The database provider the suite runs on: SQLite (the default) or a real PostgreSQL when <c>MYACCOUNT_TEST_DATABASE=PostgreSQL</c>
/// (test.sh runs the suite a second time that way, against the Debian server it starts). On PostgreSQL each fixture gets a
/// database of its own, copied from a template the real migrations built once per test run (a copy takes milliseconds).
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "MYACCOUNT_TEST_DATABASE";
    public const string ServerVariable = "MYACCOUNT_TEST_POSTGRES";

    public static DatabaseProvider Provider { get; } =
        DatabaseSettings.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    /// <summary>The server (no database): <c>MYACCOUNT_TEST_POSTGRES</c>, else the local one test.sh starts.</summary>
    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Port=5432;Username=myaccount;Password=myaccount";

    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static string? _template;

    /// <summary>A new, migrated, empty PostgreSQL database; drop it with <see cref="DropAsync"/>.</summary>
    public static async Task<string> CreatePostgreSqlAsync()
    {
        await Creating.WaitAsync();
        try
        {
            _template ??= await CreateTemplateAsync();
            var name = $"myaccount_test_{Guid.NewGuid():N}";
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {_template}");
            return ConnectionString(name);
        }
        finally
        {
            Creating.Release();
        }
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    private static async Task<string> CreateTemplateAsync()
    {
        // One template per test process, with the C collation (byte order, as SQLite compares) so ordering matches on both.
        var name = $"myaccount_template_{Environment.ProcessId}";
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
        var options = new DbContextOptionsBuilder<MyAccountDbContext>();
        new DatabaseSettings(DatabaseProvider.PostgreSQL, ConnectionString(name)).Configure(options);
        await using (var db = new MyAccountDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }

        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The server is already gone: nothing to clean up.
            }
        };
        return name;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
