using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Payments;

/// <summary>Billing details: who may read and change them, what input is refused (changing nothing), and the audit trail.</summary>
public sealed class BillingDetailsServiceTests
{
    private static readonly BillingDetailsInput Valid = new("Acme Corp GmbH", "Friedrichstraße 10", null, "10117", "Berlin", "de", "de 123.456.789", "991-12345-67");

    public static TheoryData<string, bool, bool> Personas() => new()
    {
        // persona, may read, may change
        { "admin", true, true },
        { "payments-only", true, true },
        { "users-only", true, false },
        { "member", true, false },
        { "support", true, false },
        { "operator", true, true },
        { "other-account", false, false },
        { "removed", false, false },
    };

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task Only_members_who_may_edit_payment_and_operators_change_billing_details(string persona, bool mayRead, bool mayChange)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var world = await TestWorld.CreateAsync(fixture);
        var paymentsOnly = new Member(world.Acme.Id, "payments@acme.com", null, new(false, true), [], fixture.Clock.GetUtcNow().UtcDateTime);
        var usersOnly = new Member(world.Acme.Id, "users@acme.com", null, new(true, false), [], fixture.Clock.GetUtcNow().UtcDateTime);
        await using (var db = fixture.CreateDbContext())
        {
            db.Members.AddRange(paymentsOnly, usersOnly);
            await db.SaveChangesAsync();
        }

        Actor actor = persona switch
        {
            "admin" => TestWorld.ActorFor(world.AcmeAdmin),
            "payments-only" => TestWorld.ActorFor(paymentsOnly),
            "users-only" => TestWorld.ActorFor(usersOnly),
            "member" => TestWorld.ActorFor(world.AcmeReader),
            "support" => new SupportAgentActor(new PersonIdentity("vendor", "agent", "Sam Support")),
            "operator" => new OperatorActor("billing-ops"),
            "other-account" => TestWorld.ActorFor(world.GlobexAdmin) with { AccountId = world.Acme.Id },
            _ => TestWorld.ActorFor(world.AcmeRemoved),
        };
        var service = fixture.Get<BillingDetailsService>();

        var read = () => service.GetAsync(actor, world.Acme.Id);
        var change = () => service.UpdateAsync(actor, world.Acme.Id, Valid);

        if (mayRead)
        {
            await read.Should().NotThrowAsync();
        }
        else
        {
            await read.Should().ThrowAsync<AccessDeniedException>();
        }

        if (mayChange)
        {
            (await change()).Details.VatId.Should().Be("DE123456789");
        }
        else
        {
            await change.Should().ThrowAsync<AccessDeniedException>();
            await using var db = fixture.CreateDbContext();
            (await db.AccountBillingDetails.AnyAsync()).Should().BeFalse();
        }
    }

    [Fact]
    public async Task A_support_agent_is_told_we_cannot_change_payment_information_for_the_customer()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var world = await TestWorld.CreateAsync(fixture);

        var change = () => fixture.Get<BillingDetailsService>().UpdateAsync(new SupportAgentActor(new PersonIdentity("vendor", "agent", "Sam Support")), world.Acme.Id, Valid);

        await change.Should().ThrowAsync<AccessDeniedException>().WithMessage("We cannot update payment information*");
    }

    public static TheoryData<BillingDetailsInput, string, string> BadInput() => new()
    {
        { Valid with { VatId = "DE12345" }, "vatId", "This is not a VAT ID of Germany: it looks like DE123456789." },
        { Valid with { VatId = "FR40303265045" }, "vatId", "This is not a VAT ID of Germany*" },
        { Valid with { CountryCode = "XX" }, "countryCode", "'XX' is not a country we bill to*" },
        { Valid with { CountryCode = "" }, "countryCode", "The country is required." },
        { Valid with { CountryCode = "US", VatId = "12-3456789" }, "vatId", "VAT IDs are taken for European countries only*" },
        { Valid with { LegalName = new string('x', 201) }, "legalName", "The legal name can be at most 200 characters." },
        { Valid with { LegalName = "  " }, "legalName", "The legal name is required." },
        { Valid with { AddressLine1 = new string('x', 201) }, "addressLine1", "The first address line can be at most 200 characters." },
        { Valid with { City = "Berlin\nMitte" }, "city", "The city cannot contain line breaks*" },
        { Valid with { PostalCode = new string('1', 21) }, "postalCode", "The postal code can be at most 20 characters." },
        { Valid with { PostalCode = null }, "postalCode", "The postal code is required for this country." },
        { Valid with { BuyerReference = new string('x', 101) }, "buyerReference", "The buyer reference can be at most 100 characters." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_with_a_clear_message_and_changes_nothing(BillingDetailsInput input, string field, string message)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var world = await TestWorld.CreateAsync(fixture);
        var service = fixture.Get<BillingDetailsService>();
        var admin = TestWorld.ActorFor(world.AcmeAdmin);
        await service.UpdateAsync(admin, world.Acme.Id, Valid);

        var change = () => service.UpdateAsync(admin, world.Acme.Id, input);

        var refused = await change.Should().ThrowAsync<DomainValidationException>();
        refused.Which.Errors.Should().ContainSingle(e => e.Key == field).Which.Value.Should().Match(message);
        (await service.GetAsync(admin, world.Acme.Id))!.Details.Should().Be(BillingDetailsRules.Normalize(Valid));
    }

    [Fact]
    public async Task Every_wrong_field_is_reported_at_once()
    {
        var refused = () => BillingDetailsRules.Normalize(new BillingDetailsInput("", "", null, "", "", "ZZ", "123", null));

        refused.Should().Throw<DomainValidationException>().Which.Errors.Select(e => e.Key)
            .Should().BeEquivalentTo("legalName", "addressLine1", "city", "countryCode");
    }

    [Theory]
    [InlineData("AT", "atu 12345678", "ATU12345678")]
    [InlineData("GR", "123456789", "EL123456789")]
    [InlineData("NL", "NL123456789B01", "NL123456789B01")]
    [InlineData("FR", "FR 40 303 265 045", "FR40303265045")]
    [InlineData("IE", "6388047V", "IE6388047V")]
    [InlineData("CH", "CHE-123.456.789 MWST", "CHE123456789MWST")]
    public void VAT_IDs_are_stored_in_their_canonical_form_with_the_country_prefix(string country, string typed, string stored) =>
        BillingDetailsRules.Normalize(Valid with { CountryCode = country, VatId = typed }).VatId.Should().Be(stored);

    [Fact]
    public async Task A_change_is_audited_with_before_and_after_and_saving_the_same_again_is_not()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var world = await TestWorld.CreateAsync(fixture);
        var service = fixture.Get<BillingDetailsService>();
        var admin = TestWorld.ActorFor(world.AcmeAdmin);

        await service.UpdateAsync(admin, world.Acme.Id, Valid);
        await service.UpdateAsync(admin, world.Acme.Id, Valid with { VatId = "DE999999999" });
        await service.UpdateAsync(admin, world.Acme.Id, Valid with { VatId = "DE999999999" });

        await using var db = fixture.CreateDbContext();
        var entries = await db.AuditEntries.Where(a => a.Action == BillingDetailsService.AuditAction).OrderBy(a => a.Id).ToListAsync();
        entries.Should().HaveCount(2);
        entries[0].Before.Should().BeNull();
        entries[1].Before.Should().Contain("DE123456789");
        entries[1].After.Should().Contain("DE999999999");
        entries[1].ActorName.Should().Be(world.AcmeAdmin.Email);
        entries.Should().OnlyContain(e => e.AccountId == world.Acme.Id);
    }
}
