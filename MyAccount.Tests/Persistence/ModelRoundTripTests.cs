using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Payments;
using MyAccount.Domain.Subscriptions;
using MyAccount.Domain.Usage;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Persistence;

public sealed class ModelRoundTripTests : WorldTest
{

    [Fact]
    public async Task Members_come_back_with_normalised_contact_details_permissions_and_products()
    {
        await using var db = Fixture.CreateDbContext();
        var admin = await db.Members.Include(m => m.ProductAccess).SingleAsync(m => m.Id == World.AcmeAdmin.Id);

        admin.Email.Should().Be("admin@acme.com");
        admin.Phone.Should().Be("+13125550100");
        admin.Permissions.Should().Be(MemberPermissions.All);
        admin.ProductAccess.Select(p => p.ProductId).Should().BeEquivalentTo([World.Search.Id, World.Geo.Id]);
        admin.AccountId.Should().Be(World.Acme.Id);
        admin.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Products_keep_their_usage_types()
    {
        await using var db = Fixture.CreateDbContext();
        var search = await db.Products.Include(p => p.UsageTypes).SingleAsync(p => p.Code == "search");
        search.UsageTypes.Select(t => t.Code).Should().BeEquivalentTo(["search", "suggest"]);
    }

    [Fact]
    public async Task Subscriptions_keep_plan_terms_and_dates_with_history()
    {
        await using var db = Fixture.CreateDbContext();
        var subscriptions = await db.Subscriptions.Where(s => s.AccountId == World.Acme.Id).OrderBy(s => s.StartsOn).ToListAsync();

        subscriptions.Should().HaveCount(2);
        var ended = subscriptions[0];
        ended.Plan.Should().Be(new SubscriptionPlan(99_00, 5_000, new PackageOverage(1_000, 20m)));
        ended.EndsOn.Should().Be(new DateOnly(2026, 3, 15));
        ended.IsActiveOn(new DateOnly(2026, 3, 14)).Should().BeTrue();
        ended.IsActiveOn(new DateOnly(2026, 3, 15)).Should().BeFalse("the end date is exclusive");
        subscriptions[1].Plan.Overage.Should().Be(new UnitOverage(0.002m));
        subscriptions[1].EndsOn.Should().BeNull();
    }

    [Fact]
    public async Task Invoices_keep_every_cent_and_total_the_rounded_lines()
    {
        var month = new BillingMonth(2026, 11);
        var fee = Money.FromMajor(500m, Currency.Usd);
        var overage = Money.FromMajor(12_345 * 0.002m, Currency.Usd);     // 24.69
        var credit = -Money.FromMajor(99m * 17 / 30, Currency.Usd);       // 56.10 credited
        InvoiceLine[] lines =
        [
            new(World.Search.Id, InvoiceLineKind.SubscriptionFee, "Fee", month.FirstDay, month.EndExclusive, null, fee.Minor),
            new(World.Search.Id, InvoiceLineKind.Overage, "Overage", month.Previous.FirstDay, month.FirstDay, 12_345, overage.Minor),
            new(World.Geo.Id, InvoiceLineKind.ProrationCredit, "Credit", new DateOnly(2026, 10, 14), month.FirstDay, null, credit.Minor),
        ];
        var invoice = new Invoice(World.Acme.Id, month, 1, "USD", lines, Fixture.Clock.GetUtcNow().UtcDateTime);
        await using (var db = Fixture.CreateDbContext())
        {
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync();
        }

        await using var read = Fixture.CreateDbContext();
        var stored = await read.Invoices.Include(i => i.Lines).SingleAsync(i => i.Id == invoice.Id);
        stored.Number.Should().Be("INV-000001");
        stored.IssuedOn.Should().Be(new DateOnly(2026, 11, 1));
        stored.Lines.Select(l => l.AmountMinor).Should().BeEquivalentTo([50_000L, 2_469L, -5_610L]);
        stored.Total.Should().Be(new Money(50_000 + 2_469 - 5_610, "USD"));
        stored.Period.Should().Be(month);
    }

    [Fact]
    public async Task A_second_invoice_for_the_same_account_and_month_is_refused_by_the_database()
    {
        var month = new BillingMonth(2026, 10);
        await using var db = Fixture.CreateDbContext();
        db.Invoices.Add(new Invoice(World.Acme.Id, month, 10, "USD", [], Fixture.Clock.GetUtcNow().UtcDateTime));
        db.Invoices.Add(new Invoice(World.Acme.Id, month, 11, "USD", [], Fixture.Clock.GetUtcNow().UtcDateTime));
        var act = () => db.SaveChangesAsync();
        await act.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task Usage_events_are_unique_per_account_and_external_id()
    {
        var at = new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
        await using (var db = Fixture.CreateDbContext())
        {
            db.UsageEvents.Add(new UsageEvent(World.Acme.Id, World.Search.Id, "search", 42, at, "evt-1", at));
            db.UsageEvents.Add(new UsageEvent(World.Globex.Id, World.Geo.Id, "forward", 7, at, "evt-1", at));
            await db.SaveChangesAsync();
        }

        await using (var read = Fixture.CreateDbContext())
        {
            var stored = await read.UsageEvents.SingleAsync(u => u.AccountId == World.Acme.Id);
            stored.Quantity.Should().Be(42);
            stored.OccurredAt.Should().Be(at);
            stored.OccurredAt.Kind.Should().Be(DateTimeKind.Utc);
        }

        await using var dup = Fixture.CreateDbContext();
        dup.UsageEvents.Add(new UsageEvent(World.Acme.Id, World.Search.Id, "search", 1, at, "evt-1", at));
        var act = () => dup.SaveChangesAsync();
        await act.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task Payment_method_recipients_invitations_and_audit_round_trip()
    {
        var now = Fixture.Clock.GetUtcNow().UtcDateTime;
        var address = new BillingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");
        await using (var db = Fixture.CreateDbContext())
        {
            db.PaymentMethods.Add(new PaymentMethod(World.Acme.Id, "Visa", "4242", 12, 2030, address, "pm_123", now, "admin@acme.com"));
            db.InvoiceRecipients.Add(new InvoiceRecipient(World.Acme.Id, " Billing@Acme.com "));
            db.Invitations.Add(new Invitation(World.Acme.Id, "new@acme.com", null, new MemberPermissions(true, false), [World.Search.Id],
                new string('a', 64), now, now.AddDays(7), "admin@acme.com"));
            db.AuditEntries.Add(new AuditEntry(World.Acme.Id, now, "member", "admin@acme.com", "member.invite", "new@acme.com", null, "{}"));
            await db.SaveChangesAsync();
        }

        await using var read = Fixture.CreateDbContext();
        var card = await read.PaymentMethods.SingleAsync(p => p.AccountId == World.Acme.Id);
        card.Last4.Should().Be("4242");
        card.BillingAddress.Should().Be(address);
        (await read.InvoiceRecipients.SingleAsync()).Email.Should().Be("billing@acme.com");
        var invitation = await read.Invitations.SingleAsync();
        invitation.Products.Should().Equal(World.Search.Id);
        invitation.IsUsable(now.AddDays(6)).Should().BeTrue();
        invitation.IsUsable(now.AddDays(7)).Should().BeFalse();
        (await read.AuditEntries.SingleAsync()).Action.Should().Be("member.invite");
    }

    [Fact]
    public void A_card_number_cannot_be_stored_as_the_last_four_digits()
    {
        var act = () => new PaymentMethod(World.Acme.Id, "Visa", "4242424242424242", 1, 2030,
            new BillingAddress("x", null, "y", null, "1", "US"), "pm", Fixture.Clock.GetUtcNow().UtcDateTime, "a");
        act.Should().Throw<DomainValidationException>();
    }
}
