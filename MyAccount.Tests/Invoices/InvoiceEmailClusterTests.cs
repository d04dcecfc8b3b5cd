using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Notifications;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Documents;

namespace MyAccount.Tests.Invoices;

/// <summary>
/// Two invoice mailers on one database, as every instance of a cluster runs one: each delivery is claimed before it is sent, so
/// no invoice is emailed twice. A file database on SQLite (each context its own connection), a database of its own on PostgreSQL.
/// </summary>
public sealed class InvoiceEmailClusterTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Mailer, string Subject)> _sent = new();
    private DomainFixture _fixture = null!;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(onDisk: true);
        await InvoiceScenario.TwoInvoicesAsync(_fixture);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task A_mailer_that_reads_the_due_deliveries_while_another_is_sending_leaves_the_one_being_sent()
    {
        var first = new BlockingSender("first", _sent);
        var second = new BlockingSender("second", _sent);
        first.BlockNextSend();

        // The first mailer claims the older delivery and is held inside its send; the second reads the due deliveries meanwhile.
        var firstRun = Mailer(first).DispatchDueAsync();
        await first.WhenSendingAsync(TimeSpan.FromSeconds(30));
        var secondSent = await Mailer(second).DispatchDueAsync();
        first.Release();
        var firstSent = await firstRun.WaitAsync(TimeSpan.FromSeconds(30));

        secondSent.Should().Be(1, "the delivery the first mailer is sending is not due for the second");
        firstSent.Should().Be(1, "the delivery the second mailer sent is no longer the first one's to send");
        _sent.Select(s => s.Subject).Should().HaveCount(2).And.OnlyHaveUniqueItems("each invoice is emailed once");
        _sent.Select(s => s.Mailer).Should().BeEquivalentTo(["first", "second"]);
        await using var db = _fixture.CreateDbContext();
        (await db.Set<InvoiceEmailDelivery>().ToListAsync()).Should().HaveCount(2)
            .And.OnlyContain(d => d.SentAt != null && d.NextAttemptAt == null && d.Attempts == 1);
    }

    [Fact]
    public async Task Two_mailers_started_together_email_each_invoice_once()
    {
        var runs = await Task.WhenAll(Mailer(new BlockingSender("first", _sent)).DispatchDueAsync(), Mailer(new BlockingSender("second", _sent)).DispatchDueAsync());

        runs.Sum().Should().Be(2);
        _sent.Select(s => s.Subject).Should().HaveCount(2).And.OnlyHaveUniqueItems();
        (await Mailer(new BlockingSender("third", _sent)).DispatchDueAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_claim_whose_mailer_died_before_saving_is_sent_again_after_the_lease()
    {
        // A mailer claimed the deliveries and ended before it recorded an outcome: they are not due until the lease runs out.
        await using (var db = _fixture.CreateDbContext())
        {
            var leased = _fixture.Clock.GetUtcNow().UtcDateTime + InvoiceEmailDispatcher.ClaimLease;
            await db.Set<InvoiceEmailDelivery>().ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, (DateTime?)leased));
        }

        (await Mailer(new BlockingSender("other", _sent)).DispatchDueAsync()).Should().Be(0);
        _fixture.Clock.Advance(InvoiceEmailDispatcher.ClaimLease);
        (await Mailer(new BlockingSender("other", _sent)).DispatchDueAsync()).Should().Be(2);
    }

    /// <summary>A mailer of its own, as another instance would have, over the fixture's database and clock, sending through <paramref name="sender"/>.</summary>
    private InvoiceEmailDispatcher Mailer(IEmailSender sender) =>
        ActivatorUtilities.CreateInstance<InvoiceEmailDispatcher>(_fixture.Services, sender, new InvoicePdfRenderer(new VendorOptions()));

    /// <summary>Records what it sends; <see cref="BlockNextSend"/> holds the next send until <see cref="Release"/>.</summary>
    private sealed class BlockingSender(string name, ConcurrentQueue<(string, string)> sent) : IEmailSender
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _sending = new(0);
        private bool _block;

        public void BlockNextSend() => _block = true;

        public void Release() => _released.TrySetResult();

        public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            if (_block)
            {
                _block = false;
                _sending.Release();
                await _released.Task.WaitAsync(ct);
            }

            sent.Enqueue((name, message.Subject));
        }

        public async Task WhenSendingAsync(TimeSpan timeout)
        {
            if (!await _sending.WaitAsync(timeout))
            {
                throw new TimeoutException($"Mailer {name} did not start sending within {timeout}.");
            }
        }
    }
}
