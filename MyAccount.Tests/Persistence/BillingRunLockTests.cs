using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Persistence;

/// <summary>The billing scheduler's lock: one holder at a time on PostgreSQL, always granted on SQLite (one machine).</summary>
public sealed class BillingRunLockTests
{
    [Fact]
    public async Task Only_one_holder_at_a_time_and_free_again_once_released()
    {
        await using var fixture = await DomainFixture.CreateAsync(onDisk: true);
        var runLock = fixture.Get<BillingRunLock>();

        var first = await runLock.TryAcquireAsync(CancellationToken.None);
        first.Should().NotBeNull();
        var second = await runLock.TryAcquireAsync(CancellationToken.None);
        if (TestDatabase.IsPostgreSql)
        {
            second.Should().BeNull("another session holds the scheduler lock");
        }
        else
        {
            second.Should().NotBeNull("SQLite has one machine and one writer: the lock is always granted");
            await second!.DisposeAsync();
        }

        await first!.DisposeAsync();
        var again = await runLock.TryAcquireAsync(CancellationToken.None);
        again.Should().NotBeNull("the holder released it");
        await again!.DisposeAsync();
    }
}
