using Microsoft.Data.Sqlite;

namespace MyAccount.Web.Health;

/// <summary>
/// Resolves <c>ConnectionStrings:MyAccount</c>. Default: a SQLite file in a <c>data</c> folder next to the app.
/// A relative SQLite path is taken relative to the content root and its folder is created.
/// </summary>
public static class DatabaseLocation
{
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("MyAccount");
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
