using System.Globalization;

namespace MyAccount.Domain.Persistence.Sqlite;

/// <summary>The text forms EF Core's SQLite provider stores, for the few statements written by hand for speed.</summary>
internal static class SqliteFormats
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";
    private const string DateFormat = "yyyy-MM-dd";

    public static string Guid(Guid value) => value.ToString("D").ToUpperInvariant();

    /// <summary>Ids as a JSON array of their stored text, for <c>IN (SELECT value FROM json_each($ids))</c>.</summary>
    public static string GuidList(IEnumerable<Guid> values) => System.Text.Json.JsonSerializer.Serialize(values.Select(Guid));

    public static string DateTime(DateTime utc) => utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The longest <see cref="DateTime(System.DateTime)"/> text, in bytes.</summary>
    public const int DateTimeLength = 27;

    /// <summary>As <see cref="DateTime(System.DateTime)"/> (the same text), written as UTF-8 into <paramref name="destination"/>,
    /// which needs <see cref="DateTimeLength"/> bytes. Written by hand: it runs once per ingested event.</summary>
    public static ReadOnlySpan<byte> DateTime(DateTime utc, Span<byte> destination)
    {
        var d = destination[..DateTimeLength];
        Digits(d[..4], utc.Year);
        d[4] = (byte)'-';
        Digits(d.Slice(5, 2), utc.Month);
        d[7] = (byte)'-';
        Digits(d.Slice(8, 2), utc.Day);
        d[10] = (byte)' ';
        Digits(d.Slice(11, 2), utc.Hour);
        d[13] = (byte)':';
        Digits(d.Slice(14, 2), utc.Minute);
        d[16] = (byte)':';
        Digits(d.Slice(17, 2), utc.Second);
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return d[..19];
        }

        // "FFFFFFF": up to seven digits of the second, without trailing zeros.
        d[19] = (byte)'.';
        Digits(d.Slice(20, 7), fraction);
        var length = DateTimeLength;
        while (d[length - 1] == (byte)'0')
        {
            length--;
        }

        return d[..length];

        static void Digits(Span<byte> target, int value)
        {
            for (var i = target.Length - 1; i >= 0; i--)
            {
                target[i] = (byte)('0' + value % 10);
                value /= 10;
            }
        }
    }

    public static string Date(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);
}
