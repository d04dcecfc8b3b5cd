using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MyAccount.Domain;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;
using MyAccount.Web.Email;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// The domain's services over a real database created by the real migrations: an in-memory SQLite database whose connection
/// stays open for the test's lifetime, or (<see cref="TestDatabase"/>) a PostgreSQL database of its own. The clock is a
/// <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class DomainFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = TestClock.Start;

    private readonly SqliteConnection? _connection;
    private readonly string? _file;
    private readonly string? _postgreSql;

    private DomainFixture(SqliteConnection? connection, string? file, string? postgreSql, ServiceProvider services, FakeTimeProvider clock)
    {
        _connection = connection;
        _file = file;
        _postgreSql = postgreSql;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The emails sent so far: the real pickup-folder adapter writes them as .eml files, read back here.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> SentEmails
    {
        get
        {
            var folder = Get<EmailOptions>().PickupFolder;
            return Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Order().Select(f => MimeKit.MimeMessage.Load(f)).ToList()
                : [];
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public MyAccountDbContext CreateDbContext() => Get<IDbContextFactory<MyAccountDbContext>>().CreateDbContext();

    /// <summary>
    /// An in-memory database by default. <paramref name="onDisk"/> gives a temporary file instead, where every context
    /// opens its own connection: needed to test concurrent writers.
    /// </summary>
    /// <param name="services">Replaces registrations after the defaults (a gateway that fails, say).</param>
    public static async Task<DomainFixture> CreateAsync(DateTimeOffset? now = null, bool onDisk = false, Action<IServiceCollection>? services = null)
    {
        SqliteConnection? connection = null;
        string? file = null;
        string? postgreSql = null;
        Action<DbContextOptionsBuilder> configure;
        if (TestDatabase.IsPostgreSql)
        {
            // A database of its own on the PostgreSQL server; every context opens its own connection (as onDisk asks).
            postgreSql = await TestDatabase.CreatePostgreSqlAsync();
            configure = new DatabaseSettings(DatabaseProvider.PostgreSQL, postgreSql).Configure;
        }
        else if (onDisk)
        {
            file = Path.Combine(Path.GetTempPath(), $"myaccount-domain-{Guid.NewGuid():N}.db");
            var connectionString = $"Data Source={file};Foreign Keys=True";
            configure = options => options.UseSqlite(connectionString);
        }
        else
        {
            connection = new SqliteConnection("Data Source=:memory:;Foreign Keys=True");
            await connection.OpenAsync();
            configure = options => options.UseSqlite(connection);
        }

        var clock = TestClock.Create(now);
        var outbox = Path.Combine(Path.GetTempPath(), $"myaccount-mail-{Guid.NewGuid():N}");
        var collection = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(new EmailOptions { PickupFolder = outbox })
            .AddSingleton<IEmailSender, PickupFolderEmailSender>()
            .AddSingleton<MyAccount.Domain.Payments.IPaymentGateway, MyAccount.Web.Payments.SandboxPaymentGateway>()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddMyAccountDomain(configure);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return new DomainFixture(connection, file, postgreSql, provider, clock);
    }

    public async ValueTask DisposeAsync()
    {
        var outbox = Get<EmailOptions>().PickupFolder;
        await Services.DisposeAsync();
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_postgreSql is not null)
        {
            await TestDatabase.DropAsync(_postgreSql);
        }

        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
