using System.Globalization;

namespace MyAccount.Web.Cluster;

/// <summary>
/// A clock that starts at a configured instant (<c>Clock:Start</c>, ISO 8601 UTC) and then runs at the real pace, measured on the
/// monotonic timestamp. For the multi-process tests and demos only: several app processes on one database agree on "now" without
/// depending on the machine's calendar. Refused outside Development.
/// </summary>
public sealed class PinnedStartClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _startedAt = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_startedAt);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Registers the pinned clock when <c>Clock:Start</c> is set; throws when it is set outside Development.</summary>
    public static void AddFromConfiguration(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Clock:Start"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Clock:Start pins the app's clock for tests and demos; it is refused outside Development.");
        }

        var start = DateTimeOffset.Parse(configured, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        builder.Services.AddSingleton<TimeProvider>(new PinnedStartClock(start));
    }
}
