using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Web;

/// <summary>The reloads one event causes in many dashboards share one read; another event or another page reads again.</summary>
public sealed class SharedReloadsTests
{
    private static readonly AccountId Account = new(Guid.NewGuid());

    [Fact]
    public async Task Dashboards_reacting_to_the_same_event_share_one_read_and_the_next_event_reads_again()
    {
        var reloads = new SharedReloads();
        var reads = 0;
        var first = new InvoicePosted(Account, "INV-000001", "2030-01", 100, "USD");
        Task<string> Read() => Task.FromResult($"read {Interlocked.Increment(ref reads)}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => reloads.ReadAsync(first, "invoices:1", Read)));
        var otherPage = await reloads.ReadAsync(first, "invoices:2", Read);
        var second = await reloads.ReadAsync(new InvoicePosted(Account, "INV-000002", "2030-02", 100, "USD"), "invoices:1", Read);

        answers.Should().AllBe("read 1");
        otherPage.Should().Be("read 2");
        second.Should().Be("read 3");
        GC.KeepAlive(first);
    }

    [Fact]
    public async Task A_dashboard_whose_shared_read_failed_reads_for_itself()
    {
        var reloads = new SharedReloads();
        var cause = new InvoicePosted(Account, "INV-000001", "2030-01", 100, "USD");
        await reloads.Invoking(r => r.ReadAsync<string>(cause, "invoices:1", () => throw new InvalidOperationException("first reader's own failure")))
            .Should().ThrowAsync<InvalidOperationException>();

        var own = await reloads.ReadAsync(cause, "invoices:1", () => Task.FromResult("its own read"));

        own.Should().Be("its own read");
    }
}
