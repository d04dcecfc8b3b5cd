using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Payments;

namespace MyAccount.Tests.Invoices;

/// <summary>
/// Credit notes against posted invoices: by amount and by line, settled as a refund, to the credit balance or against the amount
/// due; over-crediting refused with nothing changed; concurrent notes; refunds idempotent and retried; who may issue and read them.
/// </summary>
public sealed class CreditNoteTests : IAsyncLifetime
{
    private static readonly BillingAddress Address = new("1 Main St", null, "Springfield", "IL", "62701", "US");
    private DomainFixture _fixture = null!;
    private BillingScenario _scenario = null!;
    private AccountId _acme;
    private MemberActor _admin = null!;
    private BillingMonth _month;

    public async Task InitializeAsync() => await StartAsync();

    private async Task StartAsync(bool onDisk = false, Action<IServiceCollection>? services = null)
    {
        _fixture = await DomainFixture.CreateAsync(onDisk: onDisk, services: services);
        _month = TestClock.MonthOf(_fixture.Clock);
        _scenario = new BillingScenario(_fixture);
        await _scenario.ProductAsync("search");
        await _scenario.ProductAsync("maps");
        _acme = await _scenario.AccountAsync("Acme", "search", startsOn: Day(_month.FirstDay), fee: "100.00");
        await _fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, _acme, "maps",
            new SubscriptionPlanInput(40.50m, 1_000, new UnitOverage(0.01m)), _month.FirstDay, null);
        var member = await _fixture.Get<MemberProvisioning>().ProvisionMemberAsync(BillingScenario.Operator, _acme, "pay@acme.com", null,
            MemberPermissions.All, [], new Uri("https://portal.example.com/"));
        _admin = TestWorld.ActorFor(member);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private void MoveTo(BillingMonth month) =>
        _fixture.Clock.SetUtcNow(new DateTimeOffset(month.FirstDay.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private CreditNoteService Notes => _fixture.Get<CreditNoteService>();

    /// <summary>The month's invoice: search 100.00 and maps 40.50, 140.50 in all; paid by card when asked.</summary>
    private async Task<InvoiceDetail> InvoiceAsync(bool paid = false)
    {
        if (paid)
        {
            await _fixture.Get<PaymentService>().UpdateCardAsync(_admin, _acme,
                new SandboxCardInput("4242424242424242", 12, TestClock.CardExpiryYear(_fixture.Clock), "123"), Address);
        }

        await _scenario.RunAsync(_month.ToString());
        await _fixture.Get<InvoiceCharging>().ChargeDueAsync();
        var invoice = await _scenario.InvoiceAsync(_acme, _month.ToString());
        invoice.TotalMinor.Should().Be(140_50);
        invoice.Status.Should().Be(paid ? InvoiceStatus.Paid : InvoiceStatus.Open);
        return invoice;
    }

    private static InvoiceLineView LineOf(InvoiceDetail invoice, string product) => invoice.Products.Single(p => p.ProductCode == product).Lines.Single();

    private Task<CreditNoteView> IssueAsync(string invoice, long? amount, CreditNoteSettlement? settle, string reason = "Service outage on the 3rd",
        params CreditNoteLineInput[] lines) =>
        Notes.IssueAsync(BillingScenario.Operator, invoice, new CreditNoteInput(reason, amount, lines.Length == 0 ? null : lines, settle));

    [Fact]
    public async Task A_credit_note_against_an_unpaid_invoice_lowers_its_amount_due_and_the_card_is_charged_only_what_is_left()
    {
        var invoice = await InvoiceAsync();

        var note = await IssueAsync(invoice.Number, 40_50, null);

        note.Number.Should().Be("CN-000001");
        note.Settlement.Should().Be(CreditNoteSettlement.Due, "an unpaid invoice's credit note is taken off what it asks by default");
        note.InvoiceNumber.Should().Be(invoice.Number);
        var after = await _fixture.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, invoice.Number);
        after.TotalMinor.Should().Be(140_50, "a posted invoice never changes");
        after.AmountDueMinor.Should().Be(100_00);
        after.CreditedMinor.Should().Be(40_50);
        after.CreditNotes.Select(n => n.Number).Should().Equal("CN-000001");

        await _fixture.Get<PaymentService>().UpdateCardAsync(_admin, _acme,
            new SandboxCardInput("4242424242424242", 12, TestClock.CardExpiryYear(_fixture.Clock), "123"), Address);
        await _fixture.Get<InvoiceCharging>().ChargeDueAsync();

        var gateway = (SandboxPaymentGateway)_fixture.Get<IPaymentGateway>();
        gateway.Charged.Should().Equal(new Money(100_00, "USD"));
        (await _fixture.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, invoice.Number)).Status.Should().Be(InvoiceStatus.Paid);
    }

    [Fact]
    public async Task Crediting_all_that_is_due_pays_the_invoice_and_nothing_is_charged()
    {
        var invoice = await InvoiceAsync();

        await IssueAsync(invoice.Number, 100_00, CreditNoteSettlement.Due);
        var last = await IssueAsync(invoice.Number, 40_50, CreditNoteSettlement.Due);

        last.Number.Should().Be("CN-000002");
        var after = await _fixture.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, invoice.Number);
        after.Status.Should().Be(InvoiceStatus.Paid);
        after.AmountDueMinor.Should().Be(0);
        after.PaidWith.Should().Be("credit note CN-000002");
        after.CreditableMinor.Should().Be(0);
        (await Notes.Invoking(n => n.IssueAsync(BillingScenario.Operator, invoice.Number, new CreditNoteInput("Again", 1, null, CreditNoteSettlement.Balance)))
            .Should().ThrowAsync<DomainValidationException>()).Which.Message.Should().Be($"Invoice {invoice.Number} is credited in full already.");
    }

    [Fact]
    public async Task Lines_are_credited_up_to_what_is_left_of_each_and_over_crediting_is_refused_with_nothing_changed()
    {
        var invoice = await InvoiceAsync();
        var search = LineOf(invoice, "search");
        var maps = LineOf(invoice, "maps");

        var first = await IssueAsync(invoice.Number, null, CreditNoteSettlement.Due, "Maps was down for a week",
            new CreditNoteLineInput(maps.Id, 10_00), new CreditNoteLineInput(search.Id, 25));
        first.AmountMinor.Should().Be(10_25);
        first.Lines.Should().Equal(new CreditNoteLineView(maps.Id, maps.Description, 10_00), new CreditNoteLineView(search.Id, search.Description, 25));

        var refused = await IssueAsync(invoice.Number, null, CreditNoteSettlement.Due, "Too much", new CreditNoteLineInput(maps.Id, 30_51))
            .Invoking(t => t).Should().ThrowAsync<DomainValidationException>();
        refused.Which.Field.Should().Be("lines[0].amountMinor");
        refused.Which.Message.Should().Be($"Line {maps.Id} can be credited at most USD 30.50 (USD 10.00 of it is credited already).");

        var unknown = await IssueAsync(invoice.Number, null, CreditNoteSettlement.Due, "Unknown", new CreditNoteLineInput(search.Id + maps.Id + 1000, 1))
            .Invoking(t => t).Should().ThrowAsync<DomainValidationException>();
        unknown.Which.Message.Should().Be($"Invoice {invoice.Number} has no line {search.Id + maps.Id + 1000}.");

        var after = await _fixture.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, invoice.Number);
        after.AmountDueMinor.Should().Be(140_50 - 10_25);
        LineOf(after, "maps").CreditedMinor.Should().Be(10_00);
        LineOf(after, "search").CreditedMinor.Should().Be(25);

        // The refusals used no number: the next credit note is the second.
        (await IssueAsync(invoice.Number, null, CreditNoteSettlement.Due, "Rest of maps", new CreditNoteLineInput(maps.Id, 30_50))).Number.Should().Be("CN-000002");
    }

    [Fact]
    public async Task An_amount_above_what_is_left_to_credit_is_refused_and_changes_nothing()
    {
        var invoice = await InvoiceAsync(paid: true);
        await IssueAsync(invoice.Number, 100_00, CreditNoteSettlement.Balance);

        var refused = await IssueAsync(invoice.Number, 40_51, CreditNoteSettlement.Balance).Invoking(t => t).Should().ThrowAsync<DomainValidationException>();

        refused.Which.Field.Should().Be("amountMinor");
        refused.Which.Message.Should().Be($"Invoice {invoice.Number} can be credited at most USD 40.50 more (total USD 140.50, credited USD 100.00); asked USD 40.51.");
        await using var db = _fixture.CreateDbContext();
        (await db.CreditNotes.CountAsync()).Should().Be(1);
        (await db.Invoices.SingleAsync()).CreditedMinor.Should().Be(100_00);
        (await db.CreditNoteNumberSequences.SingleAsync()).LastNumber.Should().Be(1);
    }

    [Theory]
    [InlineData(null, 100L, "reason", "A reason is required: it is printed on the credit note.")]
    [InlineData("Outage", 0L, "amountMinor", "amountMinor must be above zero (in minor units).")]
    [InlineData("Outage", -5L, "amountMinor", "amountMinor must be above zero (in minor units).")]
    [InlineData("Outage", null, "amountMinor", "Give either amountMinor (an amount of the invoice) or lines (amounts of its lines).")]
    [InlineData("Out\u0000age", 100L, "reason", "The reason cannot contain control characters.")]
    public async Task A_request_of_the_wrong_shape_is_refused_before_anything_is_read(string? reason, long? amount, string field, string message)
    {
        var invoice = await InvoiceAsync();

        var refused = await Notes.Invoking(n => n.IssueAsync(BillingScenario.Operator, invoice.Number, new CreditNoteInput(reason, amount, null, null)))
            .Should().ThrowAsync<DomainValidationException>();

        refused.Which.Field.Should().Be(field);
        refused.Which.Message.Should().Be(message);
    }

    [Fact]
    public async Task Settling_must_fit_the_invoice_refund_only_a_card_payment_due_only_while_unpaid()
    {
        var unpaid = await InvoiceAsync();
        (await IssueAsync(unpaid.Number, 10_00, CreditNoteSettlement.Refund).Invoking(t => t).Should().ThrowAsync<DomainValidationException>())
            .Which.Message.Should().Be($"Invoice {unpaid.Number} is not paid, so there is nothing to refund: settle as \"due\" to reduce what is owed, or \"balance\".");

        await _fixture.Get<PaymentService>().UpdateCardAsync(_admin, _acme,
            new SandboxCardInput("4242424242424242", 12, TestClock.CardExpiryYear(_fixture.Clock), "123"), Address);
        await _fixture.Get<InvoiceCharging>().ChargeDueAsync();
        (await IssueAsync(unpaid.Number, 10_00, CreditNoteSettlement.Due).Invoking(t => t).Should().ThrowAsync<DomainValidationException>())
            .Which.Message.Should().Be($"Invoice {unpaid.Number} is not awaiting payment: settle as \"refund\" or \"balance\".");
        (await IssueAsync(unpaid.Number, 10_00, null)).Settlement.Should().Be(CreditNoteSettlement.Balance, "a paid invoice's credit note goes to the balance by default");
    }

    [Fact]
    public async Task A_refund_goes_to_the_card_that_paid_once_per_credit_note()
    {
        var invoice = await InvoiceAsync(paid: true);
        var gateway = (SandboxPaymentGateway)_fixture.Get<IPaymentGateway>();

        var note = await IssueAsync(invoice.Number, 40_50, CreditNoteSettlement.Refund);

        note.RefundStatus.Should().Be(RefundStatus.Refunded);
        note.RefundReference.Should().StartWith("sandbox_re_");
        note.SettlementText.Should().Be("Refunded to the card");
        gateway.RefundCalls.Should().Be(1);
        await using (var db = _fixture.CreateDbContext())
        {
            var charge = (await db.Invoices.SingleAsync()).PaymentReference!;
            gateway.RefundedOf(charge).Should().Be(40_50);
        }

        // Asking the gateway again with the same key gives the first refund back, never a second one.
        var again = await gateway.RefundAsync("sandbox_pi_x", new Money(40_50, "USD"), "again", $"credit-note-{note.Id}", default);
        again.Reference.Should().Be(note.RefundReference);
        (await Notes.RefundDueAsync()).Should().Be(0, "nothing is pending");
        gateway.RefundCalls.Should().Be(1);

        var entries = await _fixture.CreateDbContext().AuditEntries.Where(a => a.Target == note.Number).Select(a => a.Action).ToListAsync();
        entries.Should().BeEquivalentTo(["credit_note.issued", "credit_note.refunded"]);
    }

    [Fact]
    public async Task A_refund_the_gateway_cannot_take_now_is_asked_again_later_with_the_same_key()
    {
        await _fixture.DisposeAsync();
        var flaky = new FlakyRefunds { FailuresLeft = 2 };
        await StartAsync(services: s => s.AddSingleton<IPaymentGateway>(flaky));
        var invoice = await InvoiceAsync(paid: true);

        var note = await IssueAsync(invoice.Number, 20_00, CreditNoteSettlement.Refund);

        note.RefundStatus.Should().Be(RefundStatus.Pending);
        note.RefundError.Should().Be("The payment gateway could not be reached.");
        (await Notes.RefundDueAsync()).Should().Be(0, "the retry waits a minute");
        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Notes.RefundDueAsync()).Should().Be(1);
        (await Notes.GetAsync(BillingScenario.Operator, note.Number)).RefundStatus.Should().Be(RefundStatus.Pending);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        (await Notes.RefundDueAsync()).Should().Be(1);

        var done = await Notes.GetAsync(BillingScenario.Operator, note.Number);
        done.RefundStatus.Should().Be(RefundStatus.Refunded);
        flaky.Keys.Should().Equal($"credit-note-{note.Id}", $"credit-note-{note.Id}", $"credit-note-{note.Id}");
        flaky.Inner.RefundCalls.Should().Be(1);
    }

    [Fact]
    public async Task A_refund_the_gateway_takes_as_pending_stays_pending_until_its_webhook_ends_it()
    {
        await _fixture.DisposeAsync();
        var gateway = new FlakyRefunds { Pending = true };
        await StartAsync(services: s => s.AddSingleton<IPaymentGateway>(gateway));
        var invoice = await InvoiceAsync(paid: true);

        var note = await IssueAsync(invoice.Number, 20_00, CreditNoteSettlement.Refund);

        note.RefundStatus.Should().Be(RefundStatus.Pending);
        note.RefundReference.Should().Be("re_pending");
        note.SettlementText.Should().Be("Refund in progress");
        _fixture.Clock.Advance(TimeSpan.FromDays(1));
        (await Notes.RefundDueAsync()).Should().Be(0, "the gateway has it: it is not asked again");

        await Notes.RecordRefundOutcomeAsync($"credit-note-{Guid.NewGuid()}", true, "re_other", "");
        (await Notes.GetAsync(BillingScenario.Operator, note.Number)).RefundStatus.Should().Be(RefundStatus.Pending, "another key changes nothing");
        await Notes.RecordRefundOutcomeAsync($"credit-note-{note.Id}", false, "re_pending", "The refund failed: expired or canceled card.");
        var failed = await Notes.GetAsync(BillingScenario.Operator, note.Number);
        failed.RefundStatus.Should().Be(RefundStatus.Failed);
        failed.RefundError.Should().Be("The refund failed: expired or canceled card.");
        await Notes.RecordRefundOutcomeAsync($"credit-note-{note.Id}", true, "re_pending", "");
        (await Notes.GetAsync(BillingScenario.Operator, note.Number)).RefundStatus.Should().Be(RefundStatus.Failed, "an ended refund stays as it ended");
        gateway.Keys.Should().Equal($"credit-note-{note.Id}");
    }

    [Fact]
    public async Task Credit_to_the_balance_is_applied_to_the_next_invoices_and_carried_over_until_used()
    {
        var invoice = await InvoiceAsync(paid: true);
        var note = await IssueAsync(invoice.Number, 140_50 + 0, CreditNoteSettlement.Balance); // all of it: more than the next invoice
        (await _fixture.Get<InvoiceQueries>().GetCreditBalanceAsync(BillingScenario.Operator, _acme)).BalanceMinor.Should().Be(140_50);

        var mapsId = (await _fixture.CreateDbContext().Products.SingleAsync(p => p.Code == "maps")).Id;
        await _fixture.Get<SubscriptionProvisioning>().EndSubscriptionAsync(BillingScenario.Operator, _acme,
            (await _fixture.CreateDbContext().Subscriptions.SingleAsync(s => s.AccountId == _acme && s.ProductId == mapsId)).Id, _month.Next.FirstDay);
        MoveTo(_month.Next);
        await _scenario.RunAsync(_month.Next.ToString());
        var next = await _scenario.InvoiceAsync(_acme, _month.Next.ToString());
        next.Adjustments.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = InvoiceLineKind.CreditApplied, Description = $"Credit applied from {note.Number}", AmountMinor = -100_00 });
        next.TotalMinor.Should().Be(0);
        next.Status.Should().Be(InvoiceStatus.NothingToPay);

        MoveTo(_month.Next.Next);
        await _scenario.RunAsync(_month.Next.Next.ToString());
        var third = await _scenario.InvoiceAsync(_acme, _month.Next.Next.ToString());
        third.Adjustments.Single().AmountMinor.Should().Be(-40_50);
        third.TotalMinor.Should().Be(59_50);
        (await _fixture.Get<InvoiceQueries>().GetCreditBalanceAsync(BillingScenario.Operator, _acme)).BalanceMinor.Should().Be(0);
    }

    [Fact]
    public async Task The_estimated_next_invoice_is_next_months_with_the_usage_so_far_and_the_credit_balance_applied()
    {
        var queries = _fixture.Get<InvoiceQueries>();
        var before = await queries.EstimateNextInvoiceAsync(_admin, _acme);
        before.Should().Be(new NextInvoiceEstimate(_month, _month.FirstDay, new Money(140_50, "USD"), new Money(0, "USD")), "this month is not billed yet");

        var invoice = await InvoiceAsync(paid: true);
        await IssueAsync(invoice.Number, 40_50, CreditNoteSettlement.Balance);
        await _scenario.UsageAsync(_acme, $"{Day(_month.FirstDay.AddDays(2))}T10:00:00Z", 1_250); // 250 over the 1,000 included at 0.01

        var estimate = await queries.EstimateNextInvoiceAsync(_admin, _acme);

        estimate.Should().Be(new NextInvoiceEstimate(_month.Next, _month.Next.FirstDay, new Money(140_50 + 2_50 - 40_50, "USD"), new Money(40_50, "USD")));
        var other = await _scenario.AccountAsync("Other", "search", startsOn: Day(_month.FirstDay));
        await queries.Invoking(q => q.EstimateNextInvoiceAsync(_admin, other)).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Two_credit_notes_issued_at_once_never_together_credit_more_than_the_invoice_and_the_numbers_stay_gapless()
    {
        await _fixture.DisposeAsync();
        await StartAsync(onDisk: true); // every context its own connection: real concurrent writers
        var invoice = await InvoiceAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await IssueAsync(invoice.Number, 50_00, CreditNoteSettlement.Due)).Number;
            }
            catch (Exception ex) when (ex is DomainValidationException or ConcurrencyConflictException)
            {
                return null;
            }
        })));

        attempts.Count(n => n is not null).Should().Be(2, "140.50 holds two credits of 50.00, not three");
        attempts.Where(n => n is not null).Order().Should().Equal("CN-000001", "CN-000002");
        var after = await _fixture.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, invoice.Number);
        after.CreditedMinor.Should().Be(100_00);
        after.AmountDueMinor.Should().Be(40_50);
    }

    [Fact]
    public async Task An_invoice_being_charged_cannot_have_its_amount_due_changed_until_the_charges_outcome_is_recorded()
    {
        var invoice = await InvoiceAsync();
        var now = _fixture.Clock.GetUtcNow().UtcDateTime;
        await using (var db = _fixture.CreateDbContext())
        {
            // A charger's claim (as InvoiceCharging makes it) on an invoice it is charging.
            await db.Invoices.ExecuteUpdateAsync(s => s.SetProperty(i => i.ChargingUntil, (DateTime?)now.AddMinutes(15)).SetProperty(i => i.NextChargeAt, (DateTime?)now.AddMinutes(15)));
        }

        (await IssueAsync(invoice.Number, 10_00, CreditNoteSettlement.Due).Invoking(t => t).Should().ThrowAsync<ConcurrencyConflictException>())
            .Which.Message.Should().Be($"Invoice {invoice.Number} is being charged right now: try again in a few minutes.");

        // The charger died: its lease runs out, but what it charged is unknown until a charger tries the same key again.
        _fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        await IssueAsync(invoice.Number, 10_00, CreditNoteSettlement.Due).Invoking(t => t).Should().ThrowAsync<ConcurrencyConflictException>();
        await _fixture.Get<InvoiceCharging>().ChargeDueAsync(); // no card: the attempt ends without a charge
        (await IssueAsync(invoice.Number, 10_00, CreditNoteSettlement.Due)).Number.Should().Be("CN-000001");
        (await IssueAsync(invoice.Number, 5_00, CreditNoteSettlement.Balance)).Number.Should().Be("CN-000002", "a credit to the balance never changes what is charged");
    }

    [Fact]
    public async Task Only_operators_issue_credit_notes_and_other_accounts_learn_nothing_of_them()
    {
        var invoice = await InvoiceAsync();
        await Notes.Invoking(n => n.IssueAsync(_admin, invoice.Number, new CreditNoteInput("Mine", 100, null, null)))
            .Should().ThrowAsync<AccessDeniedException>();
        var support = new SupportAgentActor(new PersonIdentity("tid", "oid-support", "Agent", "agent@vendor.example"));
        await Notes.Invoking(n => n.IssueAsync(support, invoice.Number, new CreditNoteInput("Goodwill", 100, null, null)))
            .Should().ThrowAsync<AccessDeniedException>();

        var note = await IssueAsync(invoice.Number, 1_00, null);
        (await Notes.GetAsync(_admin, note.Number)).AmountMinor.Should().Be(1_00, "the account's own members read its credit notes");

        var other = await _scenario.AccountAsync("Other", "search", startsOn: Day(_month.FirstDay));
        var stranger = TestWorld.ActorFor(await _fixture.Get<MemberProvisioning>().ProvisionMemberAsync(BillingScenario.Operator, other, "x@other.com", null,
            MemberPermissions.All, [], new Uri("https://portal.example.com/")));
        await Notes.Invoking(n => n.GetAsync(stranger, note.Number)).Should().ThrowAsync<NotFoundException>();
        await Notes.Invoking(n => n.ListForInvoiceAsync(stranger, invoice.Number)).Should().ThrowAsync<NotFoundException>();
        await Notes.Invoking(n => n.IssueAsync(BillingScenario.Operator, "INV-999999", new CreditNoteInput("None", 1, null, null)))
            .Should().ThrowAsync<NotFoundException>();
    }

    /// <summary>
    /// The sandbox behind a gateway that cannot be reached for the first refunds, or that takes refunds as pending (a real outage or
    /// a slow refund cannot be made here; Stripe's own answers are covered against the Stripe stub).
    /// </summary>
    private sealed class FlakyRefunds : Payments.SandboxWrapper
    {
        public int FailuresLeft { get; set; }
        public bool Pending { get; set; }
        public List<string> Keys { get; } = [];

        public override Task<RefundResult> RefundAsync(string charge, Money amount, string reason, string idempotencyKey, CancellationToken ct)
        {
            Keys.Add(idempotencyKey);
            if (Pending)
            {
                return Task.FromResult(RefundResult.InProgress("re_pending"));
            }

            return FailuresLeft-- > 0 ? throw new HttpRequestException("Connection refused") : base.RefundAsync(charge, amount, reason, idempotencyKey, ct);
        }
    }
}
