using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Support;
using MyAccount.Tests.Infrastructure;
using MyAccount.Tests.Invoices;

namespace MyAccount.Tests.Support;

public sealed class SupportAndActivityTests : WorldTest
{
    private static readonly SupportAgentActor Agent = new(new PersonIdentity("vendor", "agent-1", "Sam Support"));

    private Task<PagedResult<SupportSearchResult>> SearchAsync(string query, Actor? actor = null) =>
        Fixture.Get<SupportConsole>().SearchAsync(actor ?? Agent, query, new PageRequest(1, 20));

    [Fact]
    public async Task Support_finds_an_account_by_name_member_email_or_invoice_number()
    {
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var invoiced = await InvoiceScenario.TwoInvoicesAsync(fixture);
        var number = await InvoiceScenario.NumberAsync(fixture, invoiced, "2026-11");
        await fixture.Get<MemberProvisioning>().ProvisionMemberAsync(Billing.BillingScenario.Operator, invoiced, "finance@initech.com", null,
            MemberPermissions.All, [], new Uri("https://x.example.com/"));
        var console = fixture.Get<SupportConsole>();
        Task<PagedResult<SupportSearchResult>> Search(string query) => console.SearchAsync(Agent, query, new PageRequest(1, 20));

        (await Search("acm")).Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { AccountName = "Acme", MatchedBy = "name" });
        (await Search("FINANCE@initech")).Items.Should().ContainSingle().Which.MatchedBy.Should().Be("member finance@initech.com");
        (await Search(number.ToLowerInvariant())).Items.Should().ContainSingle().Which.MatchedBy.Should().Be($"invoice {number}");
        (await Search("nothing-like-this")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Only_support_agents_may_search()
    {
        var act = () => SearchAsync("acme", TestWorld.ActorFor(World.AcmeAdmin));
        await act.Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task A_support_view_is_one_entry_its_members_can_read_and_other_accounts_cannot()
    {
        var members = Fixture.Get<MemberService>();
        await members.ListMembersAsync(Agent, World.Acme.Id, null, new PageRequest(1, 10));
        await members.ListMembersAsync(Agent, World.Acme.Id, null, new PageRequest(1, 10)); // prerender, then the live circuit

        var log = Fixture.Get<ActivityLog>();
        var seen = await log.ListAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, ActivityKind.SupportViews, null, new PageRequest(1, 10));
        seen.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ActorName = "Sam Support", Target = "members", Description = "Viewed by vendor support" });

        Fixture.Clock.Advance(AccessGuard.SupportViewWindow);
        await members.ListMembersAsync(Agent, World.Acme.Id, null, new PageRequest(1, 10));
        (await log.ListAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, ActivityKind.SupportViews, null, new PageRequest(1, 10))).TotalCount.Should().Be(2);

        var foreign = () => log.ListAsync(TestWorld.ActorFor(World.GlobexAdmin), World.Acme.Id, ActivityKind.All, null, new PageRequest(1, 10));
        await foreign.Should().ThrowAsync<AccessDeniedException>();
        (await log.ListAsync(TestWorld.ActorFor(World.GlobexAdmin), World.Globex.Id, ActivityKind.All, null, new PageRequest(1, 10))).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task The_log_filters_by_kind_and_person_newest_first()
    {
        var management = Fixture.Get<MemberManagement>();
        await management.InviteAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, new MemberAccessInput("a@acme.com", null, [], MemberPermissions.None), new Uri("https://x.example.com/"));
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await management.InviteAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, new MemberAccessInput("b@acme.com", null, [], MemberPermissions.None), new Uri("https://x.example.com/"));
        await Fixture.Get<MemberService>().ListMembersAsync(Agent, World.Acme.Id, null, new PageRequest(1, 10));

        var log = Fixture.Get<ActivityLog>();
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        (await log.ListAsync(admin, World.Acme.Id, ActivityKind.All, null, new PageRequest(1, 10))).Items.Select(e => e.Target)
            .Should().Equal("members", "b@acme.com", "a@acme.com");
        (await log.ListAsync(admin, World.Acme.Id, ActivityKind.Members, null, new PageRequest(1, 10))).Items.Should().HaveCount(2);
        (await log.ListAsync(admin, World.Acme.Id, ActivityKind.All, "sam", new PageRequest(1, 10))).Items.Should().ContainSingle();
        (await log.ListAsync(admin, World.Acme.Id, ActivityKind.Payment, null, new PageRequest(1, 10))).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task The_log_names_who_did_it_with_their_role_and_shows_what_changed_with_product_names()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        var management = Fixture.Get<MemberManagement>();
        var reader = await management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id);
        await management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [],
            new MemberPermissions(CanManageUsers: false, CanManagePayment: true), reader.Version);
        await Fixture.Get<MemberService>().ListMembersAsync(Agent, World.Acme.Id, null, new PageRequest(1, 10));

        var entries = (await Fixture.Get<ActivityLog>().ListAsync(admin, World.Acme.Id, ActivityKind.All, null, new PageRequest(1, 10))).Items;

        var support = entries[0];
        support.Who.Should().Be(Agent.Name);
        support.Role.Should().Be("Vendor support");
        var update = entries[1];
        update.Who.Should().Be(World.AcmeAdmin.Email);
        update.Role.Should().Be("Admin");
        update.Changes.Select(c => c.ToString()).Should().Equal(
            "Products: Search API → none",
            "Edit payment: no → yes");
        update.Before.Should().Contain(World.Search.Id.Value.ToString(), "the entry itself keeps the ids");
    }

    [Fact]
    public async Task Automatic_entries_are_named_for_people_with_their_amounts_formatted()
    {
        var period = MyAccount.Domain.Invoices.BillingMonth.Of(Fixture.Clock.GetUtcNow().UtcDateTime).ToString();
        await using (var db = Fixture.CreateDbContext())
        {
            db.AuditEntries.Add(new AuditEntry(World.Acme.Id, Fixture.Clock.GetUtcNow().UtcDateTime, "system", "billing", "invoice.posted", "INV-000042", null,
                $$"""{"period":"{{period}}","totalMinor":123456,"currency":"EUR"}"""));
            await db.SaveChangesAsync();
        }

        var entry = (await Fixture.Get<ActivityLog>().ListAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, ActivityKind.Invoices, null, new PageRequest(1, 10))).Items.Single();
        entry.Who.Should().Be("Automatic billing");
        entry.Role.Should().Be("System");
        entry.Changes.Select(c => c.ToString()).Should().Equal($"Period: {period}", "Total: EUR 1,234.56");
    }

    [Fact]
    public async Task An_entry_of_an_unexpected_shape_is_listed_without_changes_instead_of_breaking_the_log()
    {
        await using (var db = Fixture.CreateDbContext())
        {
            db.AuditEntries.Add(new AuditEntry(World.Acme.Id, Fixture.Clock.GetUtcNow().UtcDateTime, "system", "billing", "invoice.posted", "INV-000043",
                "[1, 2]", """{"totalMinor":"not a number","currency":"EUR"}"""));
            db.AuditEntries.Add(new AuditEntry(World.Acme.Id, Fixture.Clock.GetUtcNow().UtcDateTime, "system", "billing", "invoice.posted", "INV-000044", null, "{not json"));
            await db.SaveChangesAsync();
        }

        var entries = (await Fixture.Get<ActivityLog>().ListAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, ActivityKind.Invoices, null, new PageRequest(1, 10))).Items;
        entries.Select(e => e.Target).Should().Equal("INV-000044", "INV-000043");
        entries[0].Changes.Should().BeEmpty();
    }
}
