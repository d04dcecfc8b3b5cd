using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Payments;

namespace MyAccount.Tests.Payments;

/// <summary>The Stripe adapter with the real Stripe.net client against a local server that answers like Stripe's API.</summary>
public sealed class StripePaymentGatewayTests : IAsyncLifetime
{
    private static readonly BillingAddress Address = new("1 Main St", null, "Springfield", "IL", "62701", "US");
    private StripeStub _stripe = null!;
    private StripePaymentGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _stripe = await StripeStub.StartAsync();
        _gateway = new StripePaymentGateway(new StripeOptions { SecretKey = "sk_test_123", PublishableKey = "pk_test_123", ApiBase = _stripe.BaseUrl });
    }

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task A_customer_is_created_once_per_account_with_an_idempotency_key()
    {
        var account = AccountId.New();
        (await _gateway.EnsureCustomerAsync(account, "Acme", null, default)).Should().Be("cus_123");
        (await _gateway.EnsureCustomerAsync(account, "Acme", "cus_existing", default)).Should().Be("cus_existing");

        var request = _stripe.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/v1/customers");
        request.IdempotencyKey.Should().Be($"customer-{account}");
        request.Form["name"].Should().Be("Acme");
    }

    [Fact]
    public async Task The_confirmed_setup_intents_card_comes_back_with_its_address_checks()
    {
        var card = await _gateway.AttachCardAsync("cus_123", new GatewayCardInput("seti_bad_postal"), Address, default);
        card.Should().BeEquivalentTo(new { Reference = "pm_bad_postal", Brand = "Visa", Last4 = "4242", ExpiryMonth = 12, ExpiryYear = 2031 });
        card.Checks.Should().Be(new AddressChecks("pass", "fail"));
        (await _gateway.BeginCardSetupAsync("cus_123", default)).Should().Be("seti_new_secret_abc");
    }

    [Fact]
    public async Task An_off_session_charge_sends_the_idempotency_key_and_maps_card_errors()
    {
        var paid = await _gateway.ChargeAsync("cus_123", "pm_ok", new Money(12_345, "USD"), "INV-000001", "invoice-abc", default);
        var declined = await _gateway.ChargeAsync("cus_123", "pm_declines", new Money(100, "USD"), "INV-000002", "invoice-def", default);

        paid.Should().Be(ChargeResult.Paid("pi_1"));
        var processing = await _gateway.ChargeAsync("cus_123", "pm_processing", new Money(100, "USD"), "INV-000003", "invoice-ghi", default);
        processing.Should().Be(ChargeResult.InProgress("pi_slow"), "a charge still processing is neither paid nor failed: it must not be tried again");
        declined.Should().Be(ChargeResult.Failed("insufficient_funds", "Your card has insufficient funds."));
        var charges = _stripe.Requests.Where(r => r.Path == "/v1/payment_intents").ToList();
        charges.Select(c => c.IdempotencyKey).Should().Equal("invoice-abc", "invoice-def", "invoice-ghi");
        charges[0].Form.Should().Contain(new KeyValuePair<string, string>("amount", "12345")).And.Contain(new KeyValuePair<string, string>("currency", "usd"))
            .And.Contain(new KeyValuePair<string, string>("off_session", "true")).And.Contain(new KeyValuePair<string, string>("confirm", "true"));
    }

    [Fact]
    public async Task A_refund_sends_the_charge_the_amount_and_the_credit_notes_key_and_maps_refusals()
    {
        var done = await _gateway.RefundAsync("pi_1", new Money(4_050, "EUR"), "CN-000001 for INV-000001: outage", "credit-note-abc", default);
        var refused = await _gateway.RefundAsync("pi_refunded", new Money(100, "EUR"), "CN-000002", "credit-note-def", default);
        var failed = await _gateway.RefundAsync("pi_failing", new Money(100, "EUR"), "CN-000003", "credit-note-ghi", default);

        done.Should().Be(RefundResult.Done("re_1"));
        refused.Should().Be(RefundResult.Refused("Charge pi_refunded has already been refunded."));
        failed.Should().Be(RefundResult.Refused("The refund failed: expired or canceled card."));
        (await _gateway.RefundAsync("pi_pending", new Money(100, "EUR"), "CN-000004", "credit-note-jkl", default))
            .Should().Be(RefundResult.InProgress("re_pending"), "a pending refund is not done until Stripe's webhook says so");
        var refunds = _stripe.Requests.Where(r => r.Path == "/v1/refunds").ToList();
        refunds.Select(r => r.IdempotencyKey).Should().Equal("credit-note-abc", "credit-note-def", "credit-note-ghi", "credit-note-jkl");
        refunds[0].Form.Should().Contain(new KeyValuePair<string, string>("payment_intent", "pi_1")).And.Contain(new KeyValuePair<string, string>("amount", "4050"));
    }

    [Fact]
    public async Task Through_the_payment_service_a_failing_check_detaches_the_new_card_and_a_passing_one_becomes_the_default()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var world = await TestWorld.CreateAsync(fixture);
        var service = new PaymentService(fixture.Get<IDbContextFactory<Domain.Persistence.MyAccountDbContext>>(), fixture.Get<Domain.Access.AccessGuard>(),
            _gateway, fixture.Clock, new PaymentOptions(), fixture.Get<IEmailSender>(), new NoAccountEvents(), NullLogger<PaymentService>.Instance,
            new InvoiceCharging(fixture.Get<IDbContextFactory<Domain.Persistence.MyAccountDbContext>>(), _gateway, fixture.Get<IEmailSender>(), fixture.Clock,
                NullLogger<InvoiceCharging>.Instance));
        var admin = TestWorld.ActorFor(world.AcmeAdmin);

        (await service.BeginCardSetupAsync(admin, world.Acme.Id)).Should().Be("seti_new_secret_abc");
        var refused = () => service.UpdateCardAsync(admin, world.Acme.Id, new GatewayCardInput("seti_bad_postal"), Address);
        (await refused.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be(PaymentService.AddressCheckField);
        _stripe.Requests.Should().Contain(r => r.Path == "/v1/payment_methods/pm_bad_postal/detach");

        var saved = await service.UpdateCardAsync(admin, world.Acme.Id, new GatewayCardInput("seti_ok"), Address);
        saved.Last4.Should().Be("4242");
        var makeDefault = _stripe.Requests.Last(r => r.Path == "/v1/customers/cus_123");
        makeDefault.Form["invoice_settings[default_payment_method]"].Should().Be("pm_ok");

        var unavailable = () => service.UpdateCardAsync(admin, world.Acme.Id, new GatewayCardInput("seti_unavailable"), Address);
        await unavailable.Should().ThrowAsync<DomainValidationException>("unavailable checks are refused unless the setting allows them");
    }

    [Fact]
    public async Task A_refusal_that_is_not_a_card_error_is_a_failed_charge_not_an_exception()
    {
        var refused = await _gateway.ChargeAsync("cus_123", "pm_too_small", new Money(30, "USD"), "INV-000003", "invoice-ghi", default);
        refused.Should().Be(ChargeResult.Failed("amount_too_small", "Amount must be at least $0.50 usd"));
    }

    [Fact]
    public async Task An_unreachable_gateway_fails_that_invoice_and_charging_goes_on()
    {
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero));
        var scenario = new Billing.BillingScenario(fixture);
        await scenario.ProductAsync();
        var account = await scenario.AccountAsync("Acme", startsOn: "2026-11-01");
        await using (var db = fixture.CreateDbContext())
        {
            var entity = await db.Accounts.SingleAsync(a => a.Id == account);
            entity.LinkPaymentCustomer("cus_123");
            db.PaymentMethods.Add(new PaymentMethod(account, "Visa", "4242", 12, 2030, Address, "pm_ok", fixture.Clock.GetUtcNow().UtcDateTime, "admin@acme.com"));
            await db.SaveChangesAsync();
        }

        await scenario.RunAsync("2026-11");
        var unreachable = new StripePaymentGateway(new StripeOptions { SecretKey = "sk_test", PublishableKey = "pk_test", ApiBase = "http://127.0.0.1:1" });
        var charging = new InvoiceCharging(fixture.Get<IDbContextFactory<Domain.Persistence.MyAccountDbContext>>(), unreachable, fixture.Get<IEmailSender>(),
            fixture.Clock, NullLogger<InvoiceCharging>.Instance);

        (await charging.ChargeDueAsync()).Should().Be(1);
        await using var read = fixture.CreateDbContext();
        var invoice = await read.Invoices.SingleAsync();
        invoice.Status.Should().Be(Domain.Invoices.InvoiceStatus.PaymentFailed);
        invoice.LastPaymentError.Should().Be("The payment could not be processed.");
    }
}
