using MyAccount.Domain.Invoices;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MyAccount.Domain.Access;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Billing;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Components;

/// <summary>The Billing / Payment tab and its dialog over the real payment service, the sandbox gateway and SQLite.</summary>
public sealed class BillingPageTests : MudComponentTest
{
    private DomainFixture _domain = null!;
    private TestWorld _world = null!;

    protected override async Task SetUpAsync()
    {
        _domain = await DomainFixture.CreateAsync();
        _world = await TestWorld.CreateAsync(_domain);
        await _domain.Get<PaymentService>().UpdateCardAsync(TestWorld.ActorFor(_world.AcmeAdmin), _world.Acme.Id,
            new SandboxCardInput("4242424242424242", 12, TestClock.CardExpiryYear(_domain.Clock), "123"), new BillingAddress("1 Main St", null, "Springfield", "IL", "62701", "US"));
        await _domain.Get<PaymentService>().UpdateRecipientsAsync(TestWorld.ActorFor(_world.AcmeAdmin), _world.Acme.Id, ["billing@acme.com"]);
        Services.AddSingleton(_domain.Get<PaymentService>());
        Services.AddSingleton(_domain.Get<MemberService>());
        Services.AddSingleton(new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance));
        Services.AddSingleton(new MyAccount.Web.Payments.StripeOptions());
        Services.AddSingleton<TimeProvider>(_domain.Clock);
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderFor(Actor actor, MemberPermissions permissions, bool support = false) =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<SignedInPerson>>(2);
            builder.AddAttribute(3, "Value", new SignedInPerson(actor, new AccountChoice(_world.Acme.Id, "Acme Corp", "USD"), [], support, permissions));
            builder.AddAttribute(4, "ChildContent", (RenderFragment)(b =>
            {
                b.OpenComponent<BillingPage>(5);
                b.CloseComponent();
            }));
            builder.CloseComponent();
        });

    [Fact]
    public void The_card_on_file_is_shown_to_every_member_without_the_update_button()
    {
        var cut = RenderFor(TestWorld.ActorFor(_world.AcmeReader), MemberPermissions.None);

        cut.WaitForAssertion(() => cut.Find("[data-testid=card-summary]").TextContent.Should().Be("Visa ending in 4242"));
        cut.Find("[data-testid=billing-address]").TextContent.Should().Contain("1 Main St").And.Contain("62701");
        cut.Markup.Should().Contain("by admin@acme.com");
        cut.FindAll("[data-testid=update-billing]").Should().BeEmpty();
        cut.WaitForAssertion(() => cut.Find("[data-testid=restricted-note]").TextContent.Trim()
            .Should().Be("Ask an admin who can edit payment information: admin@acme.com."));
    }

    [Fact]
    public async Task The_explanation_names_every_member_who_can_edit_payment_and_only_them()
    {
        var now = _domain.Clock.GetUtcNow().UtcDateTime;
        await using (var db = _domain.CreateDbContext())
        {
            db.Members.AddRange(new Member(_world.Acme.Id, "ap@acme.com", null, new MemberPermissions(false, true), [], now),
                new Member(_world.Acme.Id, "hr@acme.com", null, new MemberPermissions(true, false), [], now));
            await db.SaveChangesAsync();
        }

        var cut = RenderFor(TestWorld.ActorFor(_world.AcmeReader), MemberPermissions.None);

        cut.WaitForAssertion(() => cut.Find("[data-testid=restricted-admins]").TextContent.Should().Be("admin@acme.com, ap@acme.com."));
    }

    [Fact]
    public void A_member_who_edits_payment_gets_the_button_and_no_explanation()
    {
        var cut = RenderFor(TestWorld.ActorFor(_world.AcmeAdmin), MemberPermissions.All);
        cut.WaitForAssertion(() => cut.Find("[data-testid=update-billing]").HasAttribute("disabled").Should().BeFalse());
        cut.FindAll("[data-testid=restricted-note]").Should().BeEmpty();
    }

    [Fact]
    public void A_support_agent_never_sees_the_update_button()
    {
        var cut = RenderFor(new SupportAgentActor(new PersonIdentity("v", "s", "Sam")), MemberPermissions.All, support: true);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=card-summary]").Should().ContainSingle());
        cut.FindAll("[data-testid=update-billing]").Should().BeEmpty();
        cut.Find("[data-testid=restricted-note]").TextContent.Trim().Should().Be("Read-only: support agents cannot edit payment information.");
    }

    [Fact]
    public void A_card_failing_the_postal_code_check_shows_the_reason_in_one_alert_and_keeps_the_old_card()
    {
        var cut = RenderFor(TestWorld.ActorFor(_world.AcmeAdmin), MemberPermissions.All);
        // The button is enabled once the card and recipients are loaded (the dialog starts from them).
        cut.WaitForAssertion(() => cut.Find("[data-testid=update-billing]").HasAttribute("disabled").Should().BeFalse());
        cut.Find("[data-testid=update-billing]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=save-billing]").Should().ContainSingle());

        cut.FindAll("input[type=checkbox]")[0].Change(true); // replace the card on file
        cut.WaitForAssertion(() => cut.FindAll("input[autocomplete=cc-number]").Should().ContainSingle());
        cut.Find("input[autocomplete=cc-number]").Change("4000000000000036");
        cut.Find("input[autocomplete=cc-exp]").Change($"12/{TestClock.CardExpiryYear(_domain.Clock) % 100:D2}");
        cut.Find("input[autocomplete=cc-csc]").Change("123");
        cut.Find("[data-testid=save-billing]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=address-check-failed]").TextContent.Should().Contain("The billing address does not match the card"));
        cut.Find("[data-testid=card-summary]").TextContent.Should().Be("Visa ending in 4242");
    }

    [Fact]
    public async Task Unpaid_invoices_are_one_summary_with_their_numbers_the_last_failure_and_the_credit_balance()
    {
        var now = _domain.Clock.GetUtcNow().UtcDateTime;
        var month = MyAccount.Domain.Invoices.BillingMonth.Of(now);
        InvoiceLine Fee(long minor) => new(_world.Search.Id, InvoiceLineKind.SubscriptionFee, "Fee", month.FirstDay, month.EndExclusive, null, minor);
        var first = new Invoice(_world.Acme.Id, month.Previous.Previous.Previous, 901, "USD", [Fee(-25_00)], now); // a credit
        var second = new Invoice(_world.Acme.Id, month.Previous.Previous, 902, "USD", [Fee(100_00)], now);
        var third = new Invoice(_world.Acme.Id, month.Previous, 903, "USD", [Fee(200_50)], now);
        var paid = new Invoice(_world.Acme.Id, month, 904, "USD", [Fee(300_00)], now);
        second.MarkChargeFailed(now, "Your card was declined.");
        third.MarkChargeFailed(now.AddMinutes(1), "Your card has insufficient funds.");
        paid.MarkPaid(now);
        await using (var db = _domain.CreateDbContext())
        {
            db.Invoices.AddRange(first, second, third, paid);
            await db.SaveChangesAsync();
        }

        var cut = RenderFor(TestWorld.ActorFor(_world.AcmeAdmin), MemberPermissions.All);

        cut.WaitForAssertion(() => cut.Find("[data-testid=unpaid-count]").TextContent.Should().Be("2 invoices unpaid · USD 300.50 due"));
        cut.FindAll("[data-testid=unpaid-summary]").Should().ContainSingle("one summary, not a banner per invoice");
        cut.FindAll("a[data-testid=unpaid-invoice]").Select(a => (a.TextContent, a.GetAttribute("href")))
            .Should().Equal((second.Number, $"/account/invoices/{second.Number}"), (third.Number, $"/account/invoices/{third.Number}"));
        cut.Find("[data-testid=last-failure]").TextContent.Should().Be("The last payment failed: Your card has insufficient funds.");
        cut.Find("[data-testid=credit-balance]").TextContent.Should().Contain("USD 25.00");
        cut.Find("[data-testid=pay-now]").TextContent.Should().Contain("Pay now (USD 300.50)");
    }

    [Fact]
    public async Task A_long_list_of_unpaid_invoices_names_five_and_links_the_rest()
    {
        var now = _domain.Clock.GetUtcNow().UtcDateTime;
        var month = MyAccount.Domain.Invoices.BillingMonth.Of(now);
        await using (var db = _domain.CreateDbContext())
        {
            for (var i = 0; i < 7; i++)
            {
                var period = month;
                for (var back = 0; back < i; back++)
                {
                    period = period.Previous;
                }

                db.Invoices.Add(new Invoice(_world.Acme.Id, period, 800 + i, "USD",
                    [new InvoiceLine(_world.Search.Id, InvoiceLineKind.SubscriptionFee, "Fee", period.FirstDay, period.EndExclusive, null, 10_00)], now));
            }

            await db.SaveChangesAsync();
        }

        var cut = RenderFor(TestWorld.ActorFor(_world.AcmeAdmin), MemberPermissions.All);

        cut.WaitForAssertion(() => cut.Find("[data-testid=unpaid-count]").TextContent.Should().Be("7 invoices unpaid · USD 70.00 due"));
        cut.FindAll("a[data-testid=unpaid-invoice]").Should().HaveCount(5);
        var more = cut.Find("a[data-testid=unpaid-more]");
        more.TextContent.Should().Be("2 more");
        more.GetAttribute("href").Should().Be("/account/invoices");
    }

    [Fact]
    public void An_empty_state_says_there_is_no_card()
    {
        var cut = Render<PaymentMethodCard>(p => p.Add(c => c.Card, null));
        cut.Find("[data-testid=no-card]").TextContent.Should().Contain("There is no card on file.");
    }
}
