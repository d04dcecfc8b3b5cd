using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Members;

public sealed class MemberManagementTests : WorldTest
{
    private static readonly Uri Base = new("https://portal.example.com/");
    private static readonly PersonIdentity Newcomer = new("tenant-1", "oid-new", "Nia Newcomer", "nia@acme.com");

    private MemberManagement Management => Fixture.Get<MemberManagement>();

    private Task<InvitationSent> InviteAsync(string email = "Nia@Acme.com", string? phone = "+1 312 555 0199", bool users = false, bool payment = false) =>
        Management.InviteAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id,
            new MemberAccessInput(email, phone, [World.Search.Id], new MemberPermissions(users, payment)), Base);

    private string TokenFromLastEmail()
    {
        var body = Fixture.SentEmails[^1].TextBody ?? "";
        var match = System.Text.RegularExpressions.Regex.Match(body, @"invitations/accept\?token=([A-Za-z0-9_\-]+)");
        match.Success.Should().BeTrue("the email carries the invitation link");
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task An_invitation_is_emailed_with_a_link_and_only_its_hash_is_stored()
    {
        var sent = await InviteAsync();

        sent.EmailSent.Should().BeTrue();
        var email = Fixture.SentEmails.Should().ContainSingle().Subject;
        email.To.ToString().Should().Be("nia@acme.com");
        email.Subject.Should().Be("You are invited to Acme Corp on the SSO Portal");
        var token = TokenFromLastEmail();
        await using var db = Fixture.CreateDbContext();
        var stored = await db.Invitations.SingleAsync();
        stored.TokenHash.Should().Be(InvitationTokens.Hash(token)).And.NotContain(token);
        stored.ExpiresAt.Should().Be(Fixture.Clock.GetUtcNow().UtcDateTime.AddDays(7));
        stored.Phone.Should().Be("+13125550199");
    }

    [Fact]
    public async Task Accepting_binds_the_signed_in_person_and_makes_them_an_active_member()
    {
        await InviteAsync(users: true);
        var account = await Fixture.Get<InvitationAcceptance>().AcceptAsync(Newcomer, false, TokenFromLastEmail());

        account.Should().Be(World.Acme.Id);
        var resolved = await Fixture.Get<MyAccount.Domain.Accounts.AccountDirectory>().ResolveAsync(Newcomer, false, null);
        resolved.CurrentAccount!.Id.Should().Be(World.Acme.Id);
        resolved.Permissions.Should().Be(new MemberPermissions(true, false));
        var members = await Fixture.Get<MemberService>().ListMembersAsync(resolved.Actor!, World.Acme.Id, "nia", new PageRequest(1, 10));
        members.Items.Should().ContainSingle().Which.Products.Should().Equal("Search API");
    }

    [Fact]
    public async Task A_token_works_once_even_for_a_different_person()
    {
        await InviteAsync();
        var token = TokenFromLastEmail();
        var acceptance = Fixture.Get<InvitationAcceptance>();
        await acceptance.AcceptAsync(Newcomer, false, token);

        var again = () => acceptance.AcceptAsync(Newcomer, false, token);
        var someoneElse = () => acceptance.AcceptAsync(new PersonIdentity("tenant-2", "oid-other", "Mallory"), false, token);
        await again.Should().ThrowAsync<DomainValidationException>().WithMessage("This invitation has already been used.");
        await someoneElse.Should().ThrowAsync<DomainValidationException>().WithMessage("This invitation has already been used.");
    }

    [Fact]
    public async Task Expired_revoked_resent_and_unknown_tokens_are_refused()
    {
        var acceptance = Fixture.Get<InvitationAcceptance>();
        var first = await InviteAsync("a@acme.com");
        var firstToken = TokenFromLastEmail();
        await Management.ResendAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, first.Id, Base);
        var resentToken = TokenFromLastEmail();
        var old = () => acceptance.AcceptAsync(Newcomer, false, firstToken);
        await old.Should().ThrowAsync<NotFoundException>("a resend replaces the token");

        var revoked = await InviteAsync("b@acme.com");
        var revokedToken = TokenFromLastEmail();
        await Management.RevokeAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, revoked.Id);
        var withdrawn = () => acceptance.AcceptAsync(Newcomer, false, revokedToken);
        await withdrawn.Should().ThrowAsync<DomainValidationException>().WithMessage("*withdrawn*");

        Fixture.Clock.Advance(TimeSpan.FromDays(7));
        var expired = () => acceptance.AcceptAsync(Newcomer, false, resentToken);
        await expired.Should().ThrowAsync<DomainValidationException>().WithMessage("This invitation has expired*");
        var unknown = () => acceptance.AcceptAsync(Newcomer, false, "not-a-token");
        await unknown.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Inviting_a_member_or_someone_already_invited_is_refused()
    {
        await InviteAsync("nia@acme.com");
        var twice = () => InviteAsync("NIA@acme.com");
        var member = () => InviteAsync("reader@acme.com");
        (await twice.Should().ThrowAsync<DomainValidationException>()).Which.Message.Should().Contain("already been invited");
        (await member.Should().ThrowAsync<DomainValidationException>()).Which.Message.Should().Contain("already a member");
    }

    [Theory]
    [InlineData("not-an-email", null, "email")]
    [InlineData("ok@acme.com", "555", "phone")]
    public async Task Bad_input_is_refused_beside_the_field_and_nothing_is_saved(string email, string? phone, string field)
    {
        var act = () => InviteAsync(email, phone);
        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be(field);
        await using var db = Fixture.CreateDbContext();
        (await db.Invitations.CountAsync()).Should().Be(0);
        Fixture.SentEmails.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_bad_field_of_an_invitation_is_reported_at_once_and_nothing_is_saved()
    {
        // Geocoding's subscription ended in March.
        var act = () => Management.InviteAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id,
            new MemberAccessInput("not-an-email", "555-abc", [World.Geo.Id], MemberPermissions.None), Base);

        var error = (await act.Should().ThrowAsync<DomainValidationException>()).Which;
        error.Errors.Select(e => e.Key).Should().Equal("email", "phone", "products");
        error.Field.Should().Be("email");
        await using var db = Fixture.CreateDbContext();
        (await db.Invitations.CountAsync()).Should().Be(0);
        Fixture.SentEmails.Should().BeEmpty();
    }

    [Fact]
    public async Task An_access_edit_reports_a_product_and_a_permission_problem_at_once()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        var second = await Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [], MemberPermissions.All, 1);
        var adminVersion = (await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeAdmin.Id)).Version;
        await Management.UpdateMemberAccessAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, World.AcmeAdmin.Id, [], new(true, false), adminVersion);

        // The reader is now the only one who may edit payment; Geocoding is no longer subscribed.
        var act = () => Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [World.Geo.Id], new(true, false), second.Version);

        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Errors.Select(e => e.Key).Should().Equal("products", "canManagePayment");
        (await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id)).Permissions.Should().Be(MemberPermissions.All);
    }

    [Fact]
    public async Task Only_currently_subscribed_products_can_be_granted()
    {
        // Geocoding's subscription ended in March.
        var act = () => Management.InviteAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id,
            new MemberAccessInput("x@acme.com", null, [World.Geo.Id], MemberPermissions.None), Base);
        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be("products");
    }

    [Fact]
    public async Task The_last_payment_manager_stays()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        var second = await Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [], MemberPermissions.All, 1);
        var adminVersion = (await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeAdmin.Id)).Version;

        // The second admin takes "edit payment" from the first; the first (users only now) cannot then take it from the second.
        await Management.UpdateMemberAccessAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, World.AcmeAdmin.Id, [], new(true, false), adminVersion);
        var dropLastPayment = () => Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [], new(true, false), second.Version);
        (await dropLastPayment.Should().ThrowAsync<DomainValidationException>()).Which.Message.Should().Contain("at least one member who can edit payment");
        var removeLastPayment = () => Management.RemoveMemberAsync(admin, World.Acme.Id, second.Id);
        (await removeLastPayment.Should().ThrowAsync<DomainValidationException>()).Which.Field.Should().Be("canManagePayment");
    }

    [Fact]
    public async Task Nobody_changes_their_own_permissions()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        var version = (await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeAdmin.Id)).Version;

        var dropUsers = () => Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeAdmin.Id, [], new(false, true), version);
        (await dropUsers.Should().ThrowAsync<AccessDeniedException>()).Which.Message.Should().StartWith("You cannot change your own permissions");
        (await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeAdmin.Id)).Permissions.Should().Be(MemberPermissions.All);
    }

    [Fact]
    public async Task A_user_manager_without_edit_payment_cannot_grant_it_to_anyone_themselves_included()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        var usersOnly = await Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [World.Search.Id], new(true, false), 1);
        var manager = TestWorld.ActorFor(World.AcmeReader);

        var grantSelf = () => Management.UpdateMemberAccessAsync(manager, World.Acme.Id, World.AcmeReader.Id, [World.Search.Id], MemberPermissions.All, usersOnly.Version);
        (await grantSelf.Should().ThrowAsync<AccessDeniedException>()).Which.Message.Should().StartWith("You cannot change your own permissions");

        var invited = () => Management.InviteAsync(manager, World.Acme.Id, new MemberAccessInput("new@acme.com", null, [World.Search.Id], new(false, true)), new Uri("http://localhost/"));
        (await invited.Should().ThrowAsync<AccessDeniedException>()).Which.Message.Should().Contain("edit payment");
        (await Management.ListInvitationsAsync(admin, World.Acme.Id)).Should().BeEmpty("nothing was sent");

        var adminVersion = (await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeAdmin.Id)).Version;
        await Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeAdmin.Id, [], MemberPermissions.All, adminVersion); // unchanged: allowed
        await Management.InviteAsync(admin, World.Acme.Id, new MemberAccessInput("other@acme.com", null, [World.Search.Id], MemberPermissions.None), new Uri("http://localhost/"));
        (await Management.ListInvitationsAsync(admin, World.Acme.Id)).Should().ContainSingle("an admin still invites");
    }

    [Fact]
    public async Task Nobody_removes_themselves()
    {
        var act = () => Management.RemoveMemberAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, World.AcmeAdmin.Id);
        (await act.Should().ThrowAsync<DomainValidationException>()).Which.Message.Should().StartWith("You cannot remove yourself");
    }

    [Fact]
    public async Task A_removed_member_loses_access_at_once()
    {
        await Management.UpdateMemberAccessAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, World.AcmeReader.Id, [], MemberPermissions.None, 1);
        await Management.RemoveMemberAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, World.AcmeReader.Id);

        var act = () => Fixture.Get<MemberService>().ListMembersAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, null, new PageRequest(1, 10));
        await act.Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_and_nothing_is_lost()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        var seen = await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id);
        await Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [], new(true, false), seen.Version);

        var stale = () => Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [World.Search.Id], new(false, true), seen.Version);
        await stale.Should().ThrowAsync<ConcurrencyConflictException>();
        var now = await Management.GetMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id);
        now.Permissions.Should().Be(new MemberPermissions(true, false));
        now.Products.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_change_is_audited_with_before_and_after()
    {
        var admin = TestWorld.ActorFor(World.AcmeAdmin);
        var invitation = await InviteAsync();
        await Management.ResendAsync(admin, World.Acme.Id, invitation.Id, Base);
        await Fixture.Get<InvitationAcceptance>().AcceptAsync(Newcomer, false, TokenFromLastEmail());
        await Management.UpdateMemberAccessAsync(admin, World.Acme.Id, World.AcmeReader.Id, [World.Search.Id], new(false, true), 1);
        await Management.RemoveMemberAsync(admin, World.Acme.Id, World.AcmeReader.Id);
        var other = await InviteAsync("other@acme.com");
        await Management.RevokeAsync(admin, World.Acme.Id, other.Id);

        await using var db = Fixture.CreateDbContext();
        var entries = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        entries.Select(e => e.Action).Should().Equal("invitation.create", "invitation.resend", "invitation.accept", "member.update", "member.remove",
            "invitation.create", "invitation.revoke");
        var update = entries.Single(e => e.Action == "member.update");
        update.ActorName.Should().Be("admin@acme.com");
        update.Target.Should().Be("reader@acme.com");
        update.Before.Should().Contain("\"canManagePayment\":false");
        update.After.Should().Contain("\"canManagePayment\":true");
        entries.Single(e => e.Action == "invitation.accept").ActorName.Should().Be("nia@acme.com");
    }

    [Fact]
    public async Task An_account_can_send_a_bounded_number_of_invitations_per_hour()
    {
        for (var i = 0; i < MemberManagement.InvitationsPerHour; i++)
        {
            await InviteAsync($"person{i}@acme.com", phone: null);
        }

        var one = () => InviteAsync("one-too-many@acme.com", phone: null);
        (await one.Should().ThrowAsync<DomainValidationException>()).Which.Message.Should().Contain("in the last hour");

        Fixture.Clock.Advance(TimeSpan.FromHours(1));
        await InviteAsync("later@acme.com", phone: null);
    }
}
