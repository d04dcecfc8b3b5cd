using MyAccount.Domain.Persistence.Sqlite;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Usage;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Persistence;

/// <summary>The SQLite settings the write paths rely on, on a real database file.</summary>
[Trait("Provider", "Sqlite")]
public sealed class SqliteTuningTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await DomainFixture.CreateAsync(onDisk: true);

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private async Task<long> PragmaAsync(MyAccountDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Every_open_of_a_pooled_connection_has_the_settings_set_on_its_first_open()
    {
        for (var open = 0; open < 3; open++)
        {
            await using var db = _fixture.CreateDbContext();
            await db.Database.OpenConnectionAsync();
            (await PragmaAsync(db, "busy_timeout")).Should().Be(30_000);
            (await PragmaAsync(db, "synchronous")).Should().Be(1, "NORMAL");
            (await PragmaAsync(db, "wal_autocheckpoint")).Should().Be(WalCheckpointer.SafetyNetPages);
            (await PragmaAsync(db, "foreign_keys")).Should().Be(1);
        }
    }

    [Fact]
    public async Task The_checkpointer_copies_the_log_into_the_database_file()
    {
        var scenario = new BillingScenario(_fixture);
        await scenario.ProductAsync();
        var account = await scenario.AccountAsync("Acme", startsOn: "2026-01-01");
        await _fixture.Get<UsageIngestionService>().IngestAsync(BillingScenario.Operator,
            Enumerable.Range(0, 2_000).Select(i => new UsageEventInput($"e{i}", account.ToString(), "search", "query", 1, _fixture.Clock.GetUtcNow().AddHours(-1))).ToList());

        var result = await _fixture.Get<WalCheckpointer>().CheckpointAsync();

        result.LogPages.Should().BeGreaterThan(0, "the batch was written to the log, not checkpointed by the committing connection");
        result.CheckpointedPages.Should().Be(result.LogPages);
    }

    [Fact]
    public void Timestamps_written_by_hand_match_the_text_ef_core_stores()
    {
        var random = new Random(20261128);
        var samples = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, new(2026, 11, 2, 14, 0, 0), new(2026, 11, 2, 14, 0, 0, 500), new DateTime(2026, 1, 1).AddTicks(1) };
        samples.AddRange(Enumerable.Range(0, 5_000).Select(_ => new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks))));
        Span<byte> buffer = stackalloc byte[SqliteFormats.DateTimeLength];
        foreach (var sample in samples.Select(s => DateTime.SpecifyKind(s, DateTimeKind.Utc)))
        {
            System.Text.Encoding.UTF8.GetString(SqliteFormats.DateTime(sample, buffer)).Should().Be(SqliteFormats.DateTime(sample));
        }
    }
}
