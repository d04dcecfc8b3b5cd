using Microsoft.Data.Sqlite;
using MyAccount.Domain.Persistence;

namespace MyAccount.Web.Health;

/// <summary>
/// Resolves <c>Database:Provider</c> and <c>ConnectionStrings:MyAccount</c>. Default: a SQLite file in a <c>data</c> folder next
/// to the app; a relative SQLite path is taken relative to the content root and its folder is created. PostgreSQL needs a
/// connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).
/// </summary>
public static class DatabaseLocation
{
    public static DatabaseSettings Resolve(IConfiguration configuration, string contentRoot)
    {
        var provider = DatabaseSettings.ParseProvider(configuration["Database:Provider"]);
        var configured = configuration.GetConnectionString("MyAccount");
        if (provider == DatabaseProvider.PostgreSQL)
        {
            return string.IsNullOrWhiteSpace(configured) || configured.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
                ? throw new InvalidOperationException(
                    "Database:Provider is PostgreSQL: set ConnectionStrings:MyAccount to a PostgreSQL connection string, e.g. " +
                    "Host=localhost;Database=myaccount;Username=myaccount;Password=…")
                : new DatabaseSettings(provider, configured);
        }

        return new DatabaseSettings(provider, ResolveConnectionString(configured, contentRoot));
    }

    private static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/myaccount.db" : configured);
        var isMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
        if (!isMemory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            }

            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.ForeignKeys ??= true;
        return builder.ToString();
    }
}
