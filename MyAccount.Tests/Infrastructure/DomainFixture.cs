using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MyAccount.Domain;
using MyAccount.Domain.Persistence;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// The domain's services over a real SQLite database: an in-memory database whose connection stays open for the
/// test's lifetime, created by the real migrations. The clock is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class DomainFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 15, 9, 30, 0, TimeSpan.Zero);

    private readonly SqliteConnection _connection;

    private DomainFixture(SqliteConnection connection, ServiceProvider services, FakeTimeProvider clock)
    {
        _connection = connection;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public MyAccountDbContext CreateDbContext() => Get<IDbContextFactory<MyAccountDbContext>>().CreateDbContext();

    public static async Task<DomainFixture> CreateAsync(DateTimeOffset? now = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Foreign Keys=True");
        await connection.OpenAsync();
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddMyAccountDomain(options => options.UseSqlite(connection))
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return new DomainFixture(connection, services, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
