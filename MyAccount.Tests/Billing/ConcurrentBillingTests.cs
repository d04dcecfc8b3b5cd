using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Invoices;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Billing;

public sealed class ConcurrentBillingTests
{
    [Fact]
    public async Task Two_runs_at_once_post_exactly_one_invoice_per_account_with_gapless_numbers()
    {
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), onDisk: true);
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        for (var i = 0; i < 40; i++)
        {
            await scenario.AccountAsync($"Account {i:D2}");
        }

        var engine = fixture.Get<BillingEngine>();
        engine.ChunkSize = 5;
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => scenario.RunAsync("2026-11"))));

        runs.Sum(r => r.InvoicesPosted).Should().Be(40);
        await using var db = fixture.CreateDbContext();
        var invoices = await db.Invoices.Select(i => new { i.AccountId, i.SequenceNumber, i.Number }).ToListAsync();
        invoices.Should().HaveCount(40);
        invoices.Select(i => i.AccountId).Should().OnlyHaveUniqueItems();
        invoices.Select(i => i.SequenceNumber).Order().Should().Equal(Enumerable.Range(1, 40).Select(n => (long)n));
        (await db.InvoiceNumberSequences.SingleAsync()).LastNumber.Should().Be(40);
        invoices.Should().Contain(i => i.Number == Invoice.FormatNumber(40));
    }
}
