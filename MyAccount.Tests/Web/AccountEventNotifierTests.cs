using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Web;

/// <summary>Publishing never waits for dashboards: a blocked, failing or disposed one delays neither the publisher nor the others.</summary>
public sealed class AccountEventNotifierTests
{
    private static readonly AccountId Account = new(Guid.NewGuid());

    private static InvoicePosted Posted(string number) => new(Account, number, "2030-01", 100, "USD");

    [Fact]
    public async Task The_publisher_returns_while_a_dashboard_is_blocked_and_the_others_still_get_the_event()
    {
        var notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance);
        var release = new TaskCompletionSource();
        var blockedStarted = new TaskCompletionSource();
        using var blocked = notifier.Subscribe(Account, async _ =>
        {
            blockedStarted.TrySetResult();
            await release.Task;
        });
        var received = new TaskCompletionSource<AccountEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var other = notifier.Subscribe(Account, e =>
        {
            received.TrySetResult(e);
            return Task.CompletedTask;
        });

        var publish = notifier.PublishAsync(Posted("INV-000001"));

        (await Task.WhenAny(publish, Task.Delay(TimeSpan.FromSeconds(5)))).Should().Be(publish, "publishing does not wait for dashboards");
        (await Task.WhenAny(received.Task, Task.Delay(TimeSpan.FromSeconds(5)))).Should().Be(received.Task, "the other dashboard is not held up");
        (await Task.WhenAny(blockedStarted.Task, Task.Delay(TimeSpan.FromSeconds(5)))).Should().Be(blockedStarted.Task);
        release.SetResult();
    }

    [Fact]
    public async Task A_failing_or_disposed_dashboard_does_not_stop_the_others_and_each_gets_events_in_order()
    {
        var notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance);
        using var failing = notifier.Subscribe(Account, _ => throw new InvalidOperationException("circuit gone"));
        var disposed = notifier.Subscribe(Account, _ => throw new ObjectDisposedException("circuit"));
        disposed.Dispose();
        var numbers = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var healthy = notifier.Subscribe(Account, e =>
        {
            lock (numbers)
            {
                numbers.Add(((InvoicePosted)e).Number);
                if (numbers.Count == 3)
                {
                    all.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });

        foreach (var number in new[] { "INV-000001", "INV-000002", "INV-000003" })
        {
            await notifier.PublishAsync(Posted(number));
        }

        (await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromSeconds(5)))).Should().Be(all.Task);
        numbers.Should().Equal("INV-000001", "INV-000002", "INV-000003");
        notifier.SubscriberCount(Account).Should().Be(2, "the disposed dashboard left");
    }

    [Fact]
    public async Task A_dashboard_handles_one_event_at_a_time_in_order_while_many_loops_serve_many_dashboards()
    {
        var notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance, maxConcurrentDashboards: 4);
        const int dashboards = 50, events = 20;
        var seen = Enumerable.Range(0, dashboards).Select(_ => new List<int>()).ToArray();
        var inside = new int[dashboards];
        var overlapped = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var subscriptions = Enumerable.Range(0, dashboards).Select(d => notifier.Subscribe(Account, async e =>
        {
            if (Interlocked.Increment(ref inside[d]) > 1)
            {
                Interlocked.Increment(ref overlapped);
            }

            await Task.Yield();
            seen[d].Add((int)((InvoicePosted)e).TotalMinor);
            Interlocked.Decrement(ref inside[d]);
            if (seen[d].Count == events && Interlocked.Increment(ref finished) == dashboards)
            {
                done.TrySetResult();
            }
        })).ToList();

        for (var i = 0; i < events; i++)
        {
            await notifier.PublishAsync(new InvoicePosted(Account, $"INV-{i:D6}", "2030-01", i, "USD"));
        }

        (await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(10)))).Should().Be(done.Task, "every dashboard gets every event");
        overlapped.Should().Be(0, "a dashboard never handles two events at once");
        seen.Should().AllSatisfy(s => s.Should().Equal(Enumerable.Range(0, events), "each dashboard gets its events in order"));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Dashboards_take_turns_and_one_that_is_slow_gives_its_turn_back()
    {
        var time = new FakeTimeProvider();
        var notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance, time, maxConcurrentDashboards: 2);
        var release = new TaskCompletionSource();
        var inside = 0;
        var handled = 0;
        var subscriptions = Enumerable.Range(0, 6).Select(_ => notifier.Subscribe(Account, async _ =>
        {
            Interlocked.Increment(ref inside);
            await release.Task;
            Interlocked.Increment(ref handled);
        })).ToList();

        await notifier.PublishAsync(Posted("INV-000001"));

        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref inside) == 2), TimeSpan.FromSeconds(5), "two dashboards take the two turns");
        Volatile.Read(ref inside).Should().Be(2, "the others wait for a turn");
        time.Advance(AccountEventNotifier.SlowDashboard);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref inside) == 4), TimeSpan.FromSeconds(5), "the slow two give their turns back");
        Volatile.Read(ref inside).Should().Be(4);
        time.Advance(AccountEventNotifier.SlowDashboard);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref inside) == 6), TimeSpan.FromSeconds(5), "every dashboard gets the event");
        release.SetResult();
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref handled) == 6), TimeSpan.FromSeconds(5), "all finish");
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task A_dashboard_that_falls_far_behind_keeps_only_the_latest_events()
    {
        var notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance);
        var release = new TaskCompletionSource();
        var seen = new List<string>();
        var first = true;
        using var slow = notifier.Subscribe(Account, async e =>
        {
            if (first)
            {
                first = false;
                await release.Task;
            }

            lock (seen)
            {
                seen.Add(((InvoicePosted)e).Number);
            }
        });

        for (var i = 1; i <= AccountEventNotifier.QueueCapacity * 3; i++)
        {
            await notifier.PublishAsync(Posted($"INV-{i:D6}"));
        }

        release.SetResult();
        var last = $"INV-{AccountEventNotifier.QueueCapacity * 3:D6}";
        await Eventually.UntilAsync(() => { lock (seen) { return Task.FromResult(seen.Contains(last)); } }, TimeSpan.FromSeconds(5), "the latest event arrives");
        lock (seen)
        {
            seen.Count.Should().BeLessThanOrEqualTo(AccountEventNotifier.QueueCapacity + 1, "memory per dashboard is bounded");
        }
    }

    [Fact]
    public async Task Events_from_other_instances_reach_dashboards_but_not_subscribers_of_this_instance_s_events_only()
    {
        var notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance);
        var dashboard = new TaskCompletionSource<AccountEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var open = notifier.Subscribe(Account, e =>
        {
            dashboard.TrySetResult(e);
            return Task.CompletedTask;
        });
        var everywhere = new List<AccountEvent>();
        var ownOnly = new List<AccountEvent>();
        using var all = notifier.SubscribeAll(e => { everywhere.Add(e); return Task.CompletedTask; });
        using var own = notifier.SubscribeAll(e => { ownOnly.Add(e); return Task.CompletedTask; }, includeOtherInstances: false);

        await notifier.DeliverFromOtherInstanceAsync(Posted("INV-000001"));
        await notifier.PublishAsync(Posted("INV-000002"));

        (await dashboard.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(Posted("INV-000001"));
        everywhere.Should().Equal(Posted("INV-000001"), Posted("INV-000002"));
        ownOnly.Should().Equal([Posted("INV-000002")], "the hub bridge sends only this instance's invoices; the backplane carries them to the others");
    }
}
