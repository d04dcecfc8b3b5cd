using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Billing;

public sealed class BillingEngineTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;
    private BillingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        _scenario = new BillingScenario(_fixture);
        await _scenario.ProductAsync();
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private async Task<List<(AccountId Account, int Year, int Month, long Sequence)>> InvoicesAsync()
    {
        await using var db = _fixture.CreateDbContext();
        return (await db.Invoices.Select(i => new { i.AccountId, i.Year, i.Month, i.SequenceNumber }).ToListAsync())
            .Select(i => (i.AccountId, i.Year, i.Month, i.SequenceNumber)).OrderBy(i => i.SequenceNumber).ToList();
    }

    [Fact]
    public async Task Usage_in_October_is_billed_in_arrears_on_the_November_invoice()
    {
        var acme = await _scenario.AccountAsync("Acme");
        await _scenario.UsageAsync(acme, "2026-10-03T10:00:00Z", 900);
        await _scenario.UsageAsync(acme, "2026-10-30T23:59:59Z", 350);
        await _scenario.UsageAsync(acme, "2026-11-01T00:00:00Z", 5_000); // November: billed in December

        await _scenario.RunAsync("2026-10");
        var result = await _scenario.RunAsync("2026-11");

        result.InvoicesPosted.Should().Be(1);
        var november = await _scenario.InvoiceAsync(acme, "2026-11");
        november.Number.Should().Be("INV-000002");
        november.IssuedOn.Should().Be(new DateOnly(2026, 11, 1));
        november.Products.Single().Lines.Select(l => (l.Kind, l.AmountMinor, l.UsedVolume)).Should().Equal(
            (InvoiceLineKind.SubscriptionFee, 100_00L, (long?)null),
            (InvoiceLineKind.Overage, 2_50L, (long?)1_250));
        november.TotalMinor.Should().Be(102_50);
    }

    [Fact]
    public async Task Running_a_period_again_changes_nothing()
    {
        var accounts = new[] { await _scenario.AccountAsync("A"), await _scenario.AccountAsync("B"), await _scenario.AccountAsync("C") };
        var first = await _scenario.RunAsync("2026-11");
        var again = await _scenario.RunAsync("2026-11");

        first.Should().BeEquivalentTo(new { InvoicesPosted = 3, Skipped = 0 });
        again.Should().BeEquivalentTo(new { InvoicesPosted = 0, Skipped = 3 });
        (await InvoicesAsync()).Select(i => i.Sequence).Should().Equal(1, 2, 3);
        accounts.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_run_that_crashes_half_way_is_completed_by_the_next_run_with_gapless_numbers()
    {
        for (var i = 0; i < 7; i++)
        {
            await _scenario.AccountAsync($"Account {i}");
        }

        var engine = _fixture.Get<BillingEngine>();
        engine.ChunkSize = 3;
        engine.AfterChunkCommitted = chunk => throw new InvalidOperationException($"Crash after chunk {chunk}");
        var crashing = () => _scenario.RunAsync("2026-11");
        await crashing.Should().ThrowAsync<InvalidOperationException>();
        (await InvoicesAsync()).Should().HaveCount(3);

        engine.AfterChunkCommitted = null;
        var rerun = await _scenario.RunAsync("2026-11");

        rerun.Should().BeEquivalentTo(new { InvoicesPosted = 4, Skipped = 3 });
        var invoices = await InvoicesAsync();
        invoices.Select(i => i.Sequence).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        invoices.Select(i => i.Account).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_month_that_has_not_begun_cannot_be_billed()
    {
        var act = () => _scenario.RunAsync("2026-12");
        await act.Should().ThrowAsync<DomainValidationException>().WithMessage("2026-12 has not begun yet*");
    }

    [Fact]
    public async Task Periods_are_billed_in_order_per_account()
    {
        var early = await _scenario.AccountAsync("Billed to November");
        var late = await _scenario.AccountAsync("Billed to October");
        await _scenario.RunAsync("2026-11", early);

        var single = () => _scenario.RunAsync("2026-10", early);
        await single.Should().ThrowAsync<ConcurrencyConflictException>().WithMessage("*already billed for 2026-11*");

        var all = await _scenario.RunAsync("2026-10");
        all.Should().BeEquivalentTo(new { InvoicesPosted = 1, Skipped = 1 });
        (await InvoicesAsync()).Should().ContainSingle(i => i.Account == late && i.Month == 10);
    }

    [Fact]
    public async Task Billing_an_unknown_account_is_not_found()
    {
        var act = () => _scenario.RunAsync("2026-11", new AccountId(Guid.NewGuid()));
        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Late_usage_is_billed_on_the_next_invoice_as_the_difference()
    {
        var acme = await _scenario.AccountAsync("Acme");
        await _scenario.UsageAsync(acme, "2026-09-10T12:00:00Z", 1_200);
        await _scenario.RunAsync("2026-09");
        await _scenario.RunAsync("2026-10"); // bills September: 200 over → 2.00

        await _scenario.UsageAsync(acme, "2026-09-20T12:00:00Z", 300); // arrives after September was invoiced
        await _scenario.RunAsync("2026-11");

        var october = await _scenario.InvoiceAsync(acme, "2026-10");
        october.Products.Single().Lines.Single(l => l.Kind == InvoiceLineKind.Overage).AmountMinor.Should().Be(2_00);
        var november = await _scenario.InvoiceAsync(acme, "2026-11");
        var adjustment = november.Products.Single().Lines.Single(l => l.Kind == InvoiceLineKind.LateUsageAdjustment);
        adjustment.AmountMinor.Should().Be(3_00);
        adjustment.Quantity.Should().Be(300);
        adjustment.Description.Should().StartWith("Late usage for September 2026");

        // Billed once: the next invoice does not bill it again.
        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await _scenario.RunAsync("2026-12");
        (await _scenario.InvoiceAsync(acme, "2026-12")).Products.Single().Lines.Should().NotContain(l => l.Kind == InvoiceLineKind.LateUsageAdjustment);
    }

    [Fact]
    public async Task Usage_for_the_closing_month_that_arrives_after_the_run_read_it_is_billed_next_month_as_late_usage()
    {
        var acme = await _scenario.AccountAsync("Acme");
        await _scenario.RunAsync("2026-09");
        await _scenario.UsageAsync(acme, "2026-09-10T12:00:00Z", 1_200);
        var engine = _fixture.Get<BillingEngine>();
        // Arrives after October's run closed the period and read September's usage, before it posted Acme's invoice.
        engine.AfterSnapshotRead = async () => await _scenario.UsageAsync(acme, "2026-09-20T12:00:00Z", 300);
        await _scenario.RunAsync("2026-10");
        engine.AfterSnapshotRead = null;

        var october = await _scenario.InvoiceAsync(acme, "2026-10");
        october.Products.Single().Lines.Single(l => l.Kind == InvoiceLineKind.Overage).Quantity.Should().Be(200);
        await using (var db = _fixture.CreateDbContext())
        {
            (await db.LateUsageMarkers.SingleAsync()).Should().BeEquivalentTo(new { AccountId = acme, Year = 2026, Month = 9 });
            (await db.ClosedBillingPeriods.Select(p => new { p.Year, p.Month }).ToListAsync())
                .Should().BeEquivalentTo([new { Year = 2026, Month = 9 }, new { Year = 2026, Month = 10 }]);
        }

        await _scenario.RunAsync("2026-11");
        var adjustment = (await _scenario.InvoiceAsync(acme, "2026-11")).Products.Single().Lines.Single(l => l.Kind == InvoiceLineKind.LateUsageAdjustment);
        adjustment.Quantity.Should().Be(300);
        adjustment.AmountMinor.Should().Be(3_00);
        await using (var db = _fixture.CreateDbContext())
        {
            (await db.LateUsageMarkers.CountAsync()).Should().Be(0);
        }
    }

    [Fact]
    public async Task Usage_that_arrives_between_closing_the_period_and_reading_it_is_billed_once()
    {
        var acme = await _scenario.AccountAsync("Acme");
        await _scenario.RunAsync("2026-09");
        await _scenario.UsageAsync(acme, "2026-09-10T12:00:00Z", 1_200);
        var engine = _fixture.Get<BillingEngine>();
        // Marked as late (the period is closed) and read by the run: on October's invoice, and not billed again in November.
        engine.AfterPeriodClosed = async () => await _scenario.UsageAsync(acme, "2026-09-20T12:00:00Z", 300);
        await _scenario.RunAsync("2026-10");
        engine.AfterPeriodClosed = null;

        (await _scenario.InvoiceAsync(acme, "2026-10")).Products.Single().Lines.Single(l => l.Kind == InvoiceLineKind.Overage).Quantity.Should().Be(500);
        await _scenario.RunAsync("2026-11");
        (await _scenario.InvoiceAsync(acme, "2026-11")).Products.Single().Lines.Should().NotContain(l => l.Kind == InvoiceLineKind.LateUsageAdjustment);
        await using var db = _fixture.CreateDbContext();
        (await db.LateUsageMarkers.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Late_usage_that_arrives_after_a_run_read_its_snapshot_is_still_on_that_runs_invoice()
    {
        var acme = await _scenario.AccountAsync("Acme");
        await _scenario.UsageAsync(acme, "2026-09-10T12:00:00Z", 1_200);
        await _scenario.RunAsync("2026-09");
        await _scenario.RunAsync("2026-10"); // bills September: 200 over
        await _scenario.UsageAsync(acme, "2026-09-20T12:00:00Z", 300); // late: marked

        var engine = _fixture.Get<BillingEngine>();
        // More late usage for September once November's run has read its snapshot: the chunk reads late usage under its lock.
        engine.AfterSnapshotRead = async () => await _scenario.UsageAsync(acme, "2026-09-21T12:00:00Z", 100);
        await _scenario.RunAsync("2026-11");
        engine.AfterSnapshotRead = null;

        var adjustment = (await _scenario.InvoiceAsync(acme, "2026-11")).Products.Single().Lines.Single(l => l.Kind == InvoiceLineKind.LateUsageAdjustment);
        adjustment.Quantity.Should().Be(400);
        adjustment.AmountMinor.Should().Be(4_00);
        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await _scenario.RunAsync("2026-12");
        (await _scenario.InvoiceAsync(acme, "2026-12")).Products.Single().Lines.Should().NotContain(l => l.Kind == InvoiceLineKind.LateUsageAdjustment);
    }

    /// <summary>
    /// Acme pays August's fee (100.00) in advance, then its subscription ends on August 4th: September's invoice credits the 28
    /// unused days and bills the new Geo fee, and its total is below zero.
    /// </summary>
    private async Task<(AccountId Account, InvoiceDetail Credit)> CreditInvoiceAsync(string geoFee)
    {
        await _scenario.ProductAsync("geo");
        var acme = await _scenario.AccountAsync("Acme", startsOn: "2026-08-01");
        await _scenario.RunAsync("2026-08");
        await using (var db = _fixture.CreateDbContext())
        {
            var search = await db.Subscriptions.SingleAsync(s => s.AccountId == acme);
            await _fixture.Get<MyAccount.Domain.Subscriptions.SubscriptionProvisioning>().EndSubscriptionAsync(BillingScenario.Operator, acme, search.Id, new DateOnly(2026, 8, 4));
        }

        await _fixture.Get<MyAccount.Domain.Subscriptions.SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, acme, "geo",
            new MyAccount.Domain.Subscriptions.SubscriptionPlanInput(decimal.Parse(geoFee, System.Globalization.CultureInfo.InvariantCulture), 1_000,
                new MyAccount.Domain.Subscriptions.UnitOverage(0.01m)), new DateOnly(2026, 9, 1), null);
        await _scenario.RunAsync("2026-09");
        return (acme, await _scenario.InvoiceAsync(acme, "2026-09"));
    }

    [Fact]
    public async Task An_invoice_below_zero_is_a_credit_that_the_next_invoice_applies_up_to_its_total()
    {
        var (acme, september) = await CreditInvoiceAsync("50.00");

        // 3 of August's 31 days used: 100.00 × 3 / 31 = 9.68 owed, 100.00 billed → −90.32; Geo's September fee 50.00.
        september.Products.SelectMany(p => p.Lines).Select(l => l.AmountMinor).Should().BeEquivalentTo([-90_32L, 50_00L, 0L]);
        september.TotalMinor.Should().Be(-40_32);
        september.Status.Should().Be(InvoiceStatus.Credit);
        september.AmountDueMinor.Should().Be(0);
        (await _fixture.Get<InvoiceQueries>().GetCreditBalanceAsync(BillingScenario.Operator, acme)).BalanceMinor.Should().Be(40_32);

        await _scenario.RunAsync("2026-10");
        var october = await _scenario.InvoiceAsync(acme, "2026-10");
        october.Adjustments.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = InvoiceLineKind.CreditApplied,
            Description = $"Credit applied from {september.Number}",
            AmountMinor = -40_32L,
        });
        october.TotalMinor.Should().Be(50_00 - 40_32);
        october.Status.Should().Be(InvoiceStatus.Open);
        october.AmountDueMinor.Should().Be(9_68);
        (await _fixture.Get<InvoiceQueries>().GetCreditBalanceAsync(BillingScenario.Operator, acme)).BalanceMinor.Should().Be(0);

        await _scenario.RunAsync("2026-11");
        (await _scenario.InvoiceAsync(acme, "2026-11")).Adjustments.Should().BeEmpty("the credit is used up");
    }

    [Fact]
    public async Task A_credit_larger_than_the_next_invoices_is_carried_over_several_and_they_have_nothing_to_pay()
    {
        var (acme, september) = await CreditInvoiceAsync("30.00");
        september.TotalMinor.Should().Be(-60_32);

        await _scenario.RunAsync("2026-10");
        await _scenario.RunAsync("2026-11");
        foreach (var period in new[] { "2026-10", "2026-11" })
        {
            var invoice = await _scenario.InvoiceAsync(acme, period);
            invoice.Adjustments.Single().AmountMinor.Should().Be(-30_00);
            invoice.TotalMinor.Should().Be(0);
            invoice.Status.Should().Be(InvoiceStatus.NothingToPay);
            invoice.AmountDueMinor.Should().Be(0);
        }

        var balance = await _fixture.Get<InvoiceQueries>().GetCreditBalanceAsync(BillingScenario.Operator, acme);
        balance.BalanceMinor.Should().Be(32);
        balance.Credits.Should().Equal(new CreditLeft(september.Number, 32));

        // Nothing is charged while the balance covers it: no invoice of these is due to the card.
        await using var db = _fixture.CreateDbContext();
        (await db.Invoices.Where(i => i.AccountId == acme && i.Year == 2026 && i.Month >= 9).Select(i => i.NextChargeAt).ToListAsync()).Should().OnlyContain(n => n == null);
    }

    [Fact]
    public async Task An_account_invoiced_by_another_run_after_the_snapshot_is_read_again_and_billed_once()
    {
        var acme = await _scenario.AccountAsync("Acme", startsOn: "2026-09-01");
        var engine = _fixture.Get<BillingEngine>();
        // While November's run is between its snapshot and Acme's chunk, an operator bills Acme for October.
        engine.AfterSnapshotRead = async () => await _scenario.RunAsync("2026-10", acme);
        await _scenario.RunAsync("2026-11");
        engine.AfterSnapshotRead = null;

        var october = await _scenario.InvoiceAsync(acme, "2026-10");
        var november = await _scenario.InvoiceAsync(acme, "2026-11");
        october.Products.Single().Lines.Select(l => l.Kind).Should().Contain(InvoiceLineKind.SubscriptionFee);
        november.Products.Single().Lines.Where(l => l.Kind is InvoiceLineKind.ProrationCharge or InvoiceLineKind.SubscriptionFee)
            .Select(l => (l.Kind, l.PeriodStart)).Should().Equal([(InvoiceLineKind.SubscriptionFee, new DateOnly(2026, 11, 1))],
                "October's fee is on October's invoice, not billed again");
    }

    [Fact]
    public async Task A_subscription_added_after_the_snapshot_is_on_the_runs_invoice()
    {
        await _scenario.ProductAsync("geo");
        var acme = await _scenario.AccountAsync("Acme");
        await _scenario.RunAsync("2026-10");
        var engine = _fixture.Get<BillingEngine>();
        engine.AfterSnapshotRead = async () => await _fixture.Get<MyAccount.Domain.Subscriptions.SubscriptionProvisioning>().CreateSubscriptionAsync(
            BillingScenario.Operator, acme, "geo",
            new MyAccount.Domain.Subscriptions.SubscriptionPlanInput(31m, 0, new MyAccount.Domain.Subscriptions.UnitOverage(0.01m)), new DateOnly(2026, 10, 16), null);
        await _scenario.RunAsync("2026-11");
        engine.AfterSnapshotRead = null;

        var geo = (await _scenario.InvoiceAsync(acme, "2026-11")).Products.Single(p => p.ProductCode == "geo");
        geo.Lines.Where(l => l.AmountMinor != 0).Select(l => (l.Kind, l.AmountMinor)).Should().BeEquivalentTo(
            [(InvoiceLineKind.SubscriptionFee, 31_00L), (InvoiceLineKind.ProrationCharge, 16_00L)], "November in advance, October 16–31 (16 of 31 days)");
    }

    [Fact]
    public async Task A_mid_month_start_through_the_engine_prorates_fee_and_allowance()
    {
        var acme = await _scenario.AccountAsync("Acme", startsOn: "2026-10-10");
        await _scenario.UsageAsync(acme, "2026-10-15T08:00:00Z", 800);
        await _scenario.RunAsync("2026-10");
        (await InvoicesAsync()).Should().BeEmpty("nothing was active on October 1");

        await _scenario.RunAsync("2026-11");
        var lines = (await _scenario.InvoiceAsync(acme, "2026-11")).Products.Single().Lines;
        lines.Select(l => (l.Kind, l.AmountMinor)).Should().Equal(
            (InvoiceLineKind.SubscriptionFee, 100_00L), (InvoiceLineKind.ProrationCharge, 70_97L), (InvoiceLineKind.Overage, 90L));
    }

    [Fact]
    public async Task An_invoiced_account_is_never_billed_past_a_month_it_has_not_been_billed_for()
    {
        var acme = await _scenario.AccountAsync("Acme", startsOn: "2026-08-01");
        await _scenario.RunAsync("2026-08");

        var single = () => _scenario.RunAsync("2026-10", acme);
        await single.Should().ThrowAsync<ConcurrencyConflictException>().WithMessage("*bill 2026-09 first*");
        (await _scenario.RunAsync("2026-10")).Should().BeEquivalentTo(new { InvoicesPosted = 0, Skipped = 1 });

        await _scenario.RunAsync("2026-09");
        (await _scenario.RunAsync("2026-10")).InvoicesPosted.Should().Be(1);
    }
}
