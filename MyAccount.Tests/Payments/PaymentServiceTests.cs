using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Payments;

/// <summary>The card on file and the recipients through the domain service, with the sandbox gateway's test cards.</summary>
public sealed class PaymentServiceTests : WorldTest
{
    private static readonly BillingAddress Address = new("1 Main St", null, "Springfield", "IL", "62701", "US");

    private PaymentService Payments => Fixture.Get<PaymentService>();

    private Task<PaymentMethodView> SaveCardAsync(string number, Actor? actor = null, BillingAddress? address = null) =>
        Payments.UpdateCardAsync(actor ?? TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, new SandboxCardInput(number, 12, 2030, "123"), address ?? Address);

    private async Task<PaymentMethodView?> CardOnFileAsync() => (await Payments.GetOverviewAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id)).PaymentMethod;

    [Theory]
    [InlineData("4242424242424242", "Visa", "4242")]
    [InlineData("4000000000009995", "Visa", "9995")]
    [InlineData("4000000000000341", "Visa", "0341")]
    [InlineData("5555 5555 5555 4444", "Mastercard", "4444")]
    public async Task Cards_whose_address_checks_pass_are_saved_with_only_brand_last4_expiry_and_address(string number, string brand, string last4)
    {
        var saved = await SaveCardAsync(number);

        saved.Should().BeEquivalentTo(new { Brand = brand, Last4 = last4, ExpiryMonth = 12, ExpiryYear = 2030, UpdatedBy = "admin@acme.com" });
        await using var db = Fixture.CreateDbContext();
        var stored = await db.PaymentMethods.SingleAsync();
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        string.Join('|', stored.Brand, stored.Last4, stored.GatewayReference, stored.BillingAddress).Should().NotContain(digits);
    }

    [Theory]
    [InlineData("4000000000000028", "different street address for this card")]
    [InlineData("4000000000000036", "different postal code for this card")]
    [InlineData("4000000000000010", "different street address and postal code for this card")]
    public async Task A_card_failing_an_address_check_is_refused_about_the_whole_address_and_the_old_card_stays(string number, string mismatch)
    {
        await SaveCardAsync("4242424242424242");

        var act = () => SaveCardAsync(number);

        var error = (await act.Should().ThrowAsync<DomainValidationException>()).Which;
        error.Field.Should().Be(PaymentService.AddressCheckField, "the form shows it once above the address, not beside one field");
        error.Message.Should().StartWith("The billing address does not match the card").And.Contain(mismatch);
        (await CardOnFileAsync())!.Last4.Should().Be("4242");
    }

    [Fact]
    public async Task A_declined_card_is_refused_beside_the_card_number()
    {
        var act = () => SaveCardAsync("4000000000000002");
        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Should().BeEquivalentTo(new { Field = "cardNumber", Message = "Your card was declined." });
        (await CardOnFileAsync()).Should().BeNull();
    }

    [Theory]
    [InlineData("4242424242424241", 12, 2030, "123", "cardNumber")]   // Luhn
    [InlineData("4242424242424242", 10, 2026, "123", "expiry")]       // expired (now is November 2026)
    [InlineData("4242424242424242", 13, 2030, "123", "expiry")]
    [InlineData("4242424242424242", 12, 2030, "12", "cvc")]
    public async Task Bad_card_input_is_refused_before_the_gateway(string number, int month, int year, string cvc, string field)
    {
        var act = () => Payments.UpdateCardAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, new SandboxCardInput(number, month, year, cvc), Address);
        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be(field);
    }

    [Theory]
    [InlineData("", "Springfield", "IL", "62701", "US", "line1")]
    [InlineData("1 Main St", "Springfield", "", "62701", "US", "region")]
    [InlineData("1 Main St", "Springfield", "IL", "", "US", "postalCode")]
    [InlineData("1 Main St", "Springfield", "IL", "62701", "USA", "country")]
    public async Task Address_fields_required_for_the_country_are_checked(string line1, string city, string region, string postal, string country, string field)
    {
        var act = () => SaveCardAsync("4242424242424242", address: new BillingAddress(line1, null, city, region, postal, country));
        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be(field);
    }

    [Fact]
    public async Task Support_agents_and_members_without_the_permission_are_refused_and_nothing_changes()
    {
        var support = () => SaveCardAsync("4242424242424242", new SupportAgentActor(new PersonIdentity("v", "s", "Sam Support")));
        var reader = () => SaveCardAsync("4242424242424242", TestWorld.ActorFor(World.AcmeReader));
        var otherAccount = () => SaveCardAsync("4242424242424242", TestWorld.ActorFor(World.GlobexAdmin));
        var operatorActor = () => SaveCardAsync("4242424242424242", new OperatorActor("billing"));
        var recipients = () => Payments.UpdateRecipientsAsync(new SupportAgentActor(new PersonIdentity("v", "s", "Sam")), World.Acme.Id, ["x@acme.com"]);

        await support.Should().ThrowAsync<AccessDeniedException>().WithMessage("We cannot update payment information on a customer's behalf.");
        await reader.Should().ThrowAsync<AccessDeniedException>();
        await otherAccount.Should().ThrowAsync<AccessDeniedException>();
        await operatorActor.Should().ThrowAsync<AccessDeniedException>();
        await recipients.Should().ThrowAsync<AccessDeniedException>();
        (await CardOnFileAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Recipients_are_validated_deduplicated_and_at_least_one()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        (await Payments.UpdateRecipientsAsync(admin, World.Acme.Id, ["Billing@Acme.com", "billing@acme.com ", "cfo@acme.com"]))
            .Should().Equal("billing@acme.com", "cfo@acme.com");

        var none = () => Payments.UpdateRecipientsAsync(admin, World.Acme.Id, [" "]);
        var bad = () => Payments.UpdateRecipientsAsync(admin, World.Acme.Id, ["ok@acme.com", "not-an-email"]);
        (await none.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be("recipients");
        (await bad.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be("recipients");
        (await Payments.GetOverviewAsync(admin, World.Acme.Id)).Recipients.Should().Equal("billing@acme.com", "cfo@acme.com");
    }

    [Fact]
    public async Task A_card_change_is_audited_and_emailed_to_every_member_who_can_edit_payment()
    {
        await SaveCardAsync("4242424242424242");

        var email = Fixture.SentEmails.Should().ContainSingle().Subject;
        email.Subject.Should().Be("The card on file for Acme Corp was changed");
        email.To.Mailboxes.Select(m => m.Address).Should().Equal("admin@acme.com");
        email.TextBody.Should().Contain("changed by admin@acme.com").And.Contain("Visa ending in 4242");
        await using var db = Fixture.CreateDbContext();
        (await db.AuditEntries.SingleAsync(a => a.Action == "payment.card")).After.Should().Contain("4242").And.NotContain("4242424242424242");
    }

    [Fact]
    public async Task An_absurd_expiry_year_is_a_validation_error_not_a_crash()
    {
        var act = () => Payments.UpdateCardAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, new SandboxCardInput("4242424242424242", 12, 10_000, "123"), Address);
        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be("expiry");
    }

    [Fact]
    public void More_than_twenty_recipients_are_refused_before_anything_is_saved()
    {
        var act = () => PaymentInputRules.NormalizeRecipients(Enumerable.Range(0, 21).Select(i => $"r{i}@acme.com"));
        act.Should().Throw<DomainValidationException>().Which.Message.Should().Be("At most 20 invoice recipients.");
    }
}
