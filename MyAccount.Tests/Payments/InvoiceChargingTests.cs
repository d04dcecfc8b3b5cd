using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Payments;

namespace MyAccount.Tests.Payments;

public sealed class InvoiceChargingTests : IAsyncLifetime
{
    private static readonly BillingAddress Address = new("1 Main St", null, "Springfield", "IL", "62701", "US");
    private DomainFixture _fixture = null!;
    private AccountId _acme;
    private Domain.Access.MemberActor _admin = null!;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 1, 0, 10, 0, TimeSpan.Zero));
        var scenario = new BillingScenario(_fixture);
        await scenario.ProductAsync();
        _acme = await scenario.AccountAsync("Acme", startsOn: "2026-11-01");
        var member = await _fixture.Get<Domain.Members.MemberProvisioning>().ProvisionMemberAsync(BillingScenario.Operator, _acme, "pay@acme.com", null,
            Domain.Members.MemberPermissions.All, [], new Uri("https://portal.example.com/"));
        _admin = TestWorld.ActorFor(member);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private async Task<Invoice> InvoiceAsync()
    {
        await using var db = _fixture.CreateDbContext();
        return await db.Invoices.SingleAsync();
    }

    private Task<int> ChargeAsync() => _fixture.Get<InvoiceCharging>().ChargeDueAsync();

    private Task CardAsync(string number) =>
        _fixture.Get<PaymentService>().UpdateCardAsync(_admin, _acme, new SandboxCardInput(number, 12, 2030, "123"), Address);

    [Fact]
    public async Task A_posted_invoice_is_charged_to_the_card_once()
    {
        await CardAsync("4242424242424242");
        await new BillingScenario(_fixture).RunAsync("2026-11");

        (await ChargeAsync()).Should().Be(1);
        (await ChargeAsync()).Should().Be(0);

        var invoice = await InvoiceAsync();
        invoice.Status.Should().Be(InvoiceStatus.Paid);
        invoice.PaidAt.Should().NotBeNull();
        ((SandboxPaymentGateway)_fixture.Get<IPaymentGateway>()).ChargeCalls.Should().Be(1);
    }

    [Fact]
    public async Task The_same_charge_twice_uses_the_same_idempotency_key_and_is_taken_once()
    {
        var gateway = (SandboxPaymentGateway)_fixture.Get<IPaymentGateway>();
        var invoice = InvoiceId.New();
        var key = InvoiceCharging.IdempotencyKey(invoice, 0);
        var first = await gateway.ChargeAsync("cus", "sandbox_pm_ok_x", new Money(100, "USD"), "d", key, default);
        var second = await gateway.ChargeAsync("cus", "sandbox_pm_ok_x", new Money(100, "USD"), "d", key, default);

        key.Should().Be($"invoice-{invoice}");
        second.Should().Be(first);
        gateway.ChargeCalls.Should().Be(1);
        InvoiceCharging.IdempotencyKey(invoice, 2).Should().Be($"invoice-{invoice}-retry-2");
    }

    [Fact]
    public async Task Pay_now_charges_an_unpaid_invoice_at_once_without_waiting_for_the_retry_and_only_for_payment_managers()
    {
        var payments = _fixture.Get<PaymentService>();
        await new BillingScenario(_fixture).RunAsync("2026-11");
        (await payments.Invoking(p => p.PayNowAsync(_admin, _acme)).Should().ThrowAsync<Domain.Common.DomainValidationException>())
            .Which.Message.Should().Be("There is no card on file: add one to pay.");

        await CardAsync("4000000000009995");
        await ChargeAsync();
        (await InvoiceAsync()).FailedCharges.Should().Be(1);

        var reader = await _fixture.Get<Domain.Members.MemberProvisioning>().ProvisionMemberAsync(BillingScenario.Operator, _acme, "reader@acme.com", null,
            Domain.Members.MemberPermissions.None, [], new Uri("https://portal.example.com/"));
        await payments.Invoking(p => p.PayNowAsync(TestWorld.ActorFor(reader), _acme)).Should().ThrowAsync<Domain.Common.AccessDeniedException>();
        await payments.Invoking(p => p.PayNowAsync(new Domain.Access.SupportAgentActor(new Domain.Members.PersonIdentity("v", "s", "Sam")), _acme))
            .Should().ThrowAsync<Domain.Common.AccessDeniedException>();
        (await InvoiceAsync()).FailedCharges.Should().Be(1, "a refused Pay now charges nothing");

        var failed = await payments.PayNowAsync(_admin, _acme);
        var invoice = await InvoiceAsync();
        invoice.FailedCharges.Should().Be(2, "charged at once, before the retry in 3 days");
        failed.Should().Be(new PayNowResult(1, invoice.TotalMinor));

        await CardAsync("4242424242424242");
        (await payments.PayNowAsync(_admin, _acme)).Should().Be(new PayNowResult(0, 0));
        var paid = await InvoiceAsync();
        paid.Status.Should().Be(InvoiceStatus.Paid);
        paid.PaidWith.Should().Be("Visa ••4242");
        paid.PaymentReference.Should().StartWith("sandbox_pi_");
        var detail = await _fixture.Get<InvoiceQueries>().GetInvoiceAsync(_admin, paid.Number);
        detail.Should().BeEquivalentTo(new { PaidAt = _fixture.Clock.GetUtcNow().UtcDateTime, PaidWith = "Visa ••4242", AmountDueMinor = 0L });
    }

    private sealed class RecordedEvents : Domain.Notifications.IAccountEventPublisher
    {
        public List<Domain.Notifications.AccountEvent> Events { get; } = [];

        public Task PublishAsync(Domain.Notifications.AccountEvent accountEvent)
        {
            lock (Events)
            {
                Events.Add(accountEvent);
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Each_charge_outcome_is_published_for_open_dashboards()
    {
        var recorded = new RecordedEvents();
        var charging = new InvoiceCharging(_fixture.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Persistence.MyAccountDbContext>>(),
            _fixture.Get<IPaymentGateway>(), _fixture.Get<Domain.Notifications.IEmailSender>(), _fixture.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<InvoiceCharging>.Instance, recorded);
        await CardAsync("4000000000009995");
        await new BillingScenario(_fixture).RunAsync("2026-11");
        var number = (await InvoiceAsync()).Number;

        await charging.ChargeDueAsync();
        await CardAsync("4242424242424242");
        await charging.ChargeDueAsync();

        recorded.Events.Should().Equal(
            new Domain.Notifications.InvoicePaymentChanged(_acme, number, Paid: false),
            new Domain.Notifications.InvoicePaymentChanged(_acme, number, Paid: true));
    }

    [Fact]
    public async Task Without_a_card_the_invoice_stays_open_and_a_new_card_pays_it()
    {
        await new BillingScenario(_fixture).RunAsync("2026-11");
        await ChargeAsync();
        (await InvoiceAsync()).Should().BeEquivalentTo(new { Status = InvoiceStatus.Open, NextChargeAt = (DateTime?)null });

        await CardAsync("4242424242424242");
        await ChargeAsync();
        (await InvoiceAsync()).Status.Should().Be(InvoiceStatus.Paid);
    }

    [Fact]
    public async Task A_failing_card_is_retried_after_3_5_and_7_days_then_past_due_and_payment_managers_are_told_each_time()
    {
        await CardAsync("4000000000009995");
        await new BillingScenario(_fixture).RunAsync("2026-11");
        var emailsBefore = _fixture.SentEmails.Count;

        await ChargeAsync();
        var invoice = await InvoiceAsync();
        invoice.Status.Should().Be(InvoiceStatus.PaymentFailed);
        invoice.LastPaymentError.Should().Be("Your card has insufficient funds.");
        invoice.NextChargeAt.Should().Be(_fixture.Clock.GetUtcNow().UtcDateTime.AddDays(3));

        foreach (var days in new[] { 3, 5, 7 })
        {
            (await ChargeAsync()).Should().Be(0, "nothing is due before the retry date");
            _fixture.Clock.Advance(TimeSpan.FromDays(days));
            (await ChargeAsync()).Should().Be(1);
        }

        invoice = await InvoiceAsync();
        invoice.Status.Should().Be(InvoiceStatus.PastDue);
        invoice.NextChargeAt.Should().BeNull();
        var failures = _fixture.SentEmails.Skip(emailsBefore).ToList();
        failures.Should().HaveCount(4).And.OnlyContain(m => m.Subject == $"Payment for invoice {invoice.Number} failed");
        failures[0].TextBody.Should().Contain("We will try again on November 4, 2026");
        failures[^1].TextBody.Should().Contain("past due");
        ((SandboxPaymentGateway)_fixture.Get<IPaymentGateway>()).ChargeCalls.Should().Be(4);

        await CardAsync("4242424242424242");
        await ChargeAsync();
        (await InvoiceAsync()).Status.Should().Be(InvoiceStatus.Paid, "a new card after a failure retries the open invoices");
    }

    [Fact]
    public async Task A_charge_the_gateway_is_still_processing_is_not_tried_again_and_its_webhook_settles_it()
    {
        await _fixture.DisposeAsync();
        var gateway = new ProcessingGateway();
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 1, 0, 10, 0, TimeSpan.Zero),
            services: s => s.AddSingleton<IPaymentGateway>(gateway));
        var scenario = new BillingScenario(_fixture);
        await scenario.ProductAsync();
        _acme = await scenario.AccountAsync("Acme", startsOn: "2026-11-01");
        _admin = TestWorld.ActorFor(await _fixture.Get<Domain.Members.MemberProvisioning>().ProvisionMemberAsync(BillingScenario.Operator, _acme, "pay@acme.com", null,
            Domain.Members.MemberPermissions.All, [], new Uri("https://portal.example.com/")));
        await CardAsync("4242424242424242");
        await scenario.RunAsync("2026-11");

        (await ChargeAsync()).Should().Be(1);
        var invoice = await InvoiceAsync();
        invoice.Status.Should().Be(InvoiceStatus.Open);
        invoice.NextChargeAt.Should().BeNull();
        invoice.FailedCharges.Should().Be(0);
        _fixture.Clock.Advance(TimeSpan.FromDays(10));
        (await ChargeAsync()).Should().Be(0, "no second charge while the first is processing");

        await _fixture.Get<InvoiceCharging>().RecordGatewayEventAsync("evt_1", "payment_intent.succeeded", InvoiceCharging.IdempotencyKey(invoice.Id, 0), true, null);
        (await InvoiceAsync()).Status.Should().Be(InvoiceStatus.Paid);
        gateway.Keys.Should().Equal(InvoiceCharging.IdempotencyKey(invoice.Id, 0));
    }

    /// <summary>The sandbox, except that every charge is still processing when the call returns (as Stripe's may be).</summary>
    private sealed class ProcessingGateway : SandboxWrapper
    {
        public List<string> Keys { get; } = [];

        public override Task<ChargeResult> ChargeAsync(string customer, string card, Money amount, string description, string idempotencyKey, CancellationToken ct)
        {
            Keys.Add(idempotencyKey);
            return Task.FromResult(ChargeResult.InProgress("pi_slow"));
        }
    }
}
