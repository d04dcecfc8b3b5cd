using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Usage;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Usage;

public sealed class UsageIngestionTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;
    private BillingScenario _scenario = null!;
    private AccountId _acme;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        _scenario = new BillingScenario(_fixture);
        await _scenario.ProductAsync();
        _acme = await _scenario.AccountAsync("Acme", startsOn: "2026-06-01");
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private UsageEventInput Event(string id, long quantity = 10, string at = "2026-11-02T10:00:00Z", string? account = null, string product = "search", string type = "query") =>
        new(id, account ?? _acme.ToString(), product, type, quantity, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

    private Task<UsageIngestResult> Ingest(params UsageEventInput[] events) =>
        _fixture.Get<UsageIngestionService>().IngestAsync(BillingScenario.Operator, events);

    private async Task<(int Events, long DailyTotal)> StoredAsync()
    {
        await using var db = _fixture.CreateDbContext();
        return (await db.UsageEvents.CountAsync(), await db.UsageDailyTotals.SumAsync(u => u.Quantity));
    }

    [Fact]
    public async Task A_repeated_id_is_counted_once_within_and_across_batches()
    {
        var first = await Ingest(Event("e1", 10), Event("e2", 20), Event("e1", 10));
        var second = await Ingest(Event("e2", 20), Event("e3", 5));

        first.Should().Be(new UsageIngestResult(2, 1));
        second.Should().Be(new UsageIngestResult(1, 1));
        (await StoredAsync()).Should().Be((3, 35L));
    }

    [Fact]
    public async Task Daily_rollups_add_up_per_usage_type_and_utc_day()
    {
        await Ingest(Event("a", 10, "2026-11-02T00:00:00Z"), Event("b", 15, "2026-11-02T23:59:59Z"), Event("c", 7, "2026-11-03T00:00:00+01:00"),
            Event("d", 1, "2026-11-02T12:00:00Z", type: "lookup"));

        await using var db = _fixture.CreateDbContext();
        var totals = await db.UsageDailyTotals.OrderBy(u => u.Day).ThenBy(u => u.UsageTypeCode).Select(u => new { u.Day, u.UsageTypeCode, u.Quantity }).ToListAsync();
        // 00:00+01:00 on November 3 is 23:00 UTC on November 2.
        totals.Should().BeEquivalentTo([
            new { Day = new DateOnly(2026, 11, 2), UsageTypeCode = "lookup", Quantity = 1L },
            new { Day = new DateOnly(2026, 11, 2), UsageTypeCode = "query", Quantity = 32L },
        ]);
    }

    [Fact]
    public async Task One_invalid_event_refuses_the_whole_batch_and_names_each_bad_event()
    {
        var act = () => Ingest(
            Event("ok-1"),
            Event("bad-account", account: Guid.NewGuid().ToString()),
            Event("bad-product", product: "nope"),
            Event("bad-type", type: "nope"),
            Event("bad-quantity", quantity: 0),
            Event("future", at: "2026-11-28T10:00:01Z"),
            Event("before-subscription", at: "2026-05-31T23:59:59Z"),
            new UsageEventInput("fraction", _acme.ToString(), "search", "query", 1.5m, DateTimeOffset.Parse("2026-11-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            new UsageEventInput(null, null, null, null, null, null));

        var errors = (await act.Should().ThrowAsync<UsageBatchRejectedException>()).Which.Errors;
        errors.Select(e => (e.Index, e.Field)).Should().BeEquivalentTo([
            (1, "accountId"), (2, "productCode"), (3, "usageType"), (4, "quantity"), (5, "occurredAt"), (6, "occurredAt"), (7, "quantity"),
            (8, "id"), (8, "accountId"), (8, "productCode"), (8, "quantity"), (8, "occurredAt"),
        ]);
        errors.Single(e => e.Index == 6).Message.Should().Be("The account has no active 'search' subscription on 2026-05-31.");
        (await StoredAsync()).Should().Be((0, 0L));
    }

    [Fact]
    public async Task Batches_are_limited_to_ten_thousand_events()
    {
        var events = Enumerable.Range(0, UsageIngestionService.MaxBatchSize + 1).Select(i => Event($"e{i}")).ToArray();
        var act = () => Ingest(events);
        await act.Should().ThrowAsync<UsageBatchTooLargeException>();
        (await StoredAsync()).Events.Should().Be(0);
    }

    [Fact]
    public async Task A_full_batch_of_ten_thousand_is_accepted()
    {
        var events = Enumerable.Range(0, UsageIngestionService.MaxBatchSize).Select(i => Event($"e{i}", 1)).ToArray();
        (await Ingest(events)).Should().Be(new UsageIngestResult(10_000, 0));
        (await StoredAsync()).Should().Be((10_000, 10_000L));
    }

    [Fact]
    public async Task Usage_for_an_invoiced_month_is_marked_as_late()
    {
        await _scenario.RunAsync("2026-10");
        await _scenario.RunAsync("2026-11");
        await Ingest(Event("late", 5, "2026-10-15T00:00:00Z"), Event("current", 5, "2026-11-15T00:00:00Z"));

        await using var db = _fixture.CreateDbContext();
        (await db.LateUsageMarkers.Select(m => new { m.Year, m.Month }).ToListAsync()).Should().BeEquivalentTo([new { Year = 2026, Month = 10 }]);
    }

    [Fact]
    public async Task Ids_are_stored_exactly_as_sent_and_stay_idempotent()
    {
        string[] ids = ["plain", "quote\"and\\backslash", "ümlaut-ß", "emoji-😀", "tab\tnew\nline", "spaces  inside", new string('x', 100), "PLAIN"];
        (await Ingest(ids.Select(id => Event(id, 1)).ToArray())).Should().Be(new UsageIngestResult(ids.Length, 0));
        (await Ingest(ids.Select(id => Event(id, 1)).ToArray())).Should().Be(new UsageIngestResult(0, ids.Length), "ids compare exactly, case included");

        await using var db = _fixture.CreateDbContext();
        (await db.UsageEvents.Select(u => u.ExternalId).ToListAsync()).Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task Events_are_stored_with_their_utc_time_and_the_catalog_spelling_of_codes()
    {
        await Ingest(Event("a", 3, "2026-11-02T12:30:15.1234567+02:00", product: "  SEARCH ", type: "Query"));

        await using var db = _fixture.CreateDbContext();
        var stored = await db.UsageEvents.SingleAsync();
        // To the microsecond, on SQLite as on PostgreSQL.
        stored.OccurredAt.Should().Be(new DateTime(2026, 11, 2, 10, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560));
        stored.OccurredAt.Kind.Should().Be(DateTimeKind.Utc);
        stored.ReceivedAt.Should().Be(_fixture.Clock.GetUtcNow().UtcDateTime);
        stored.UsageTypeCode.Should().Be("query");
        stored.Quantity.Should().Be(3);
        (await db.UsageDailyTotals.SingleAsync()).Should().BeEquivalentTo(new { Day = new DateOnly(2026, 11, 2), UsageTypeCode = "query", Quantity = 3L });
    }

    [Fact]
    public async Task A_code_that_only_looks_like_a_catalog_code_is_unknown()
    {
        // 'ſ' (long s) and the Kelvin sign fold to ASCII letters under some case rules; catalog codes are plain ASCII.
        var act = () => Ingest(Event("a", product: "ſearch"), Event("b", type: "loo\u212Aup"));
        var errors = (await act.Should().ThrowAsync<UsageBatchRejectedException>()).Which.Errors;
        errors.Select(e => (e.Index, e.Field)).Should().Equal((0, "productCode"), (1, "usageType"));
    }

    [Fact]
    public async Task Concurrent_batches_with_overlapping_ids_count_each_event_once()
    {
        // Eight senders retrying the same 400 events in overlapping batches at once.
        var batches = Enumerable.Range(0, 8).Select(b => Enumerable.Range(b * 25, 200).Select(i => Event($"e{i}", 1)).ToArray()).ToList();
        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => Ingest(batch))));

        results.Sum(r => r.Accepted).Should().Be(375);
        results.Sum(r => r.Accepted + r.Duplicates).Should().Be(1_600);
        (await StoredAsync()).Should().Be((375, 375L));
    }

    [Fact]
    public async Task Only_operators_may_send_usage()
    {
        var act = () => _fixture.Get<UsageIngestionService>().IngestAsync(new Domain.Access.SupportAgentActor(new("t", "o", "Sam")), [Event("x")]);
        await act.Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task A_batch_racing_another_with_the_same_id_counts_it_once()
    {
        // Another writer holds "race-1" uncommitted while this batch is checked: the batch cannot see it, meets the unique
        // index when it writes, and still counts "race-1" as a duplicate once the other commits (PostgreSQL's COPY falls back
        // to INSERT … ON CONFLICT; SQLite's single writer waits its turn).
        // Separate connections for the two writers: a database file (or PostgreSQL).
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), onDisk: true);
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        var acme = await scenario.AccountAsync("Acme", startsOn: "2026-06-01");
        Task<UsageIngestResult> IngestThere(params UsageEventInput[] events) => fixture.Get<UsageIngestionService>().IngestAsync(BillingScenario.Operator, events);
        await IngestThere(Event("warm-up", 1, account: acme.ToString()));
        await using var db = fixture.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var other = await db.Database.BeginTransactionAsync();
        db.UsageEvents.Add(new Domain.Usage.UsageEvent(acme, (await db.Products.SingleAsync()).Id, "query", 4,
            new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc), "race-1", fixture.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();

        var racing = Task.Run(() => IngestThere(Event("race-1", 4, account: acme.ToString()), Event("race-2", 6, account: acme.ToString())));
        if (TestDatabase.IsPostgreSql)
        {
            // The batch's COPY meets the other writer's uncommitted row and waits for it: PostgreSQL shows a lock wait.
            await Eventually.UntilAsync(async () =>
            {
                await using var probe = fixture.CreateDbContext();
                return await probe.Database.SqlQueryRaw<int>(
                    """SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""").SingleAsync() > 0;
            }, TimeSpan.FromSeconds(10), "the batch waits on the other writer's row");
        }

        // On SQLite the batch cannot begin writing while the other writer holds the write lock.
        racing.IsCompleted.Should().BeFalse("the batch waits for the other writer");
        await other.CommitAsync();
        var result = await racing;

        result.Accepted.Should().Be(1);
        result.Duplicates.Should().Be(1);
        await using var check = fixture.CreateDbContext();
        (await check.UsageEvents.CountAsync()).Should().Be(3);
        (await check.UsageDailyTotals.SumAsync(t => t.Quantity)).Should().Be(1 + 6, "the other writer's event has no rollup of its own here; this batch added only race-2");
    }
}
