using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// The account-event relay between two app instances on one Redis (two hosts in this process, one database): a dashboard
/// subscribed on either instance gets an event posted on the other, and each gets every event exactly once.
/// </summary>
[Trait("Provider", "PostgreSQL")]
[Collection(ClusterFactAttribute.Collection)]
public sealed class EventRelayTests
{
    [ClusterFact]
    public async Task Dashboards_on_both_instances_get_each_event_once_wherever_it_was_posted()
    {
        var database = await TestDatabase.CreatePostgreSqlAsync();
        try
        {
            await PostAndFollowOnTwoInstancesAsync(database);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    private static async Task PostAndFollowOnTwoInstancesAsync(string database)
    {
        await using var first = new MyAccountAppFactory
        {
            SharedPostgreSql = database,
            Settings = new() { ["ConnectionStrings:Redis"] = ClusterFactAttribute.Redis },
        };
        _ = first.Server;
        await using var second = new MyAccountAppFactory
        {
            SharedPostgreSql = database,
            Settings = new() { ["ConnectionStrings:Redis"] = ClusterFactAttribute.Redis },
        };
        _ = second.Server;
        AccountId contoso;
        await using (var db = await first.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync())
        {
            contoso = (await db.Accounts.SingleAsync(a => a.Name == "Contoso Ltd")).Id;
        }

        var onFirst = new List<string>();
        var onSecond = new List<string>();
        using var dashboardOnFirst = Follow(first, contoso, onFirst);
        using var dashboardOnSecond = Follow(second, contoso, onSecond);

        // Posted on the first instance, then on the second (through the domain's port, as billing and member changes do).
        await first.Services.GetRequiredService<IAccountEventPublisher>().PublishAsync(Posted(contoso, "INV-900001"));
        await Eventually.UntilAsync(() => Task.FromResult(Count(onSecond) == 1), TimeSpan.FromSeconds(5), "the other instance's dashboard gets it");
        await second.Services.GetRequiredService<IAccountEventPublisher>().PublishAsync(Posted(contoso, "INV-900002"));
        await Eventually.UntilAsync(() => Task.FromResult(Count(onFirst) == 2), TimeSpan.FromSeconds(5), "the first instance's dashboard gets it");
        // One more round trip, so a duplicate of either event would have arrived before this one.
        await first.Services.GetRequiredService<IAccountEventPublisher>().PublishAsync(Posted(contoso, "INV-900003"));
        await Eventually.UntilAsync(() => Task.FromResult(Count(onSecond) == 3), TimeSpan.FromSeconds(5), "the last event arrives");

        Snapshot(onFirst).Should().Equal("INV-900001", "INV-900002", "INV-900003");
        Snapshot(onSecond).Should().Equal("INV-900001", "INV-900002", "INV-900003");
    }

    private static InvoicePosted Posted(AccountId account, string number) =>
        new(account, number, TestClock.MonthOf(TestClock.Create()).ToString(), 1, "USD");

    private static IDisposable Follow(MyAccountAppFactory instance, AccountId account, List<string> seen) =>
        instance.Services.GetRequiredService<AccountEventNotifier>().Subscribe(account, e =>
        {
            if (e is InvoicePosted posted)
            {
                lock (seen)
                {
                    seen.Add(posted.Number);
                }
            }

            return Task.CompletedTask;
        });

    private static int Count(List<string> seen)
    {
        lock (seen)
        {
            return seen.Count;
        }
    }

    private static List<string> Snapshot(List<string> seen)
    {
        lock (seen)
        {
            return [.. seen];
        }
    }
}
