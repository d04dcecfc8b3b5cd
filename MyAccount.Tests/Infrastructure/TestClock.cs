using Microsoft.Extensions.Time.Testing;
using MyAccount.Domain.Invoices;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// The one clock of the test suite. Every test host — the domain fixture, the app factories, the browser journeys — starts a
/// <see cref="FakeTimeProvider"/> at <see cref="Start"/>; demo data, billed periods and card expiry dates derive from it, and
/// tests that need time to pass advance it. Nothing in the suite reads the machine's calendar, so it passes on any date.
/// </summary>
public static class TestClock
{
    /// <summary>The instant every test host starts at (mid-month, mid-morning UTC, so local dates agree with UTC ones).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 15, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <paramref name="at"/> (default <see cref="Start"/>) that moves only when a test moves it.</summary>
    public static FakeTimeProvider Create(DateTimeOffset? at = null) => new(at ?? Start);

    /// <summary>The month a clock is in (UTC).</summary>
    public static BillingMonth MonthOf(TimeProvider clock) => BillingMonth.Of(clock.GetUtcNow().UtcDateTime);

    /// <summary>A card expiry year that is valid for some years after the clock's date.</summary>
    public static int CardExpiryYear(TimeProvider clock, int yearsAhead = 3) => clock.GetUtcNow().Year + yearsAhead;
}
