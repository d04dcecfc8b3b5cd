using System.Globalization;

namespace MyAccount.Domain.Usage;

/// <summary>The text forms EF Core's SQLite provider stores, for the few statements written by hand for speed.</summary>
internal static class SqliteFormats
{
    public static string Guid(Guid value) => value.ToString("D").ToUpperInvariant();

    public static string DateTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
