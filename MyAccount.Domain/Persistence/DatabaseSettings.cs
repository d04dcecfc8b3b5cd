using Microsoft.EntityFrameworkCore;

namespace MyAccount.Domain.Persistence;

/// <summary>Where MyAccount keeps its data: SQLite (the embedded default) or PostgreSQL (a server, for several instances).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>The database provider and its connection string, as configured (<c>Database:Provider</c>, <c>ConnectionStrings:MyAccount</c>).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>PostgreSQL's migrations live in their own assembly; SQLite's in the domain's <c>Persistence/Migrations</c>.</summary>
    public const string PostgreSqlMigrationsAssembly = "MyAccount.Migrations.PostgreSQL";

    public static DatabaseProvider ParseProvider(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSQL,
        _ => throw new InvalidOperationException($"Database:Provider '{text}' is not known: use Sqlite (the default) or PostgreSQL."),
    };

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.PostgreSQL:
                options.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                options.UseSqlite(ConnectionString);
                break;
        }
    }
}
