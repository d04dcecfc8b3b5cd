using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Access;

public sealed class AccessControlTests : WorldTest
{
    private static readonly PersonIdentity SupportPerson = new("vendor-tenant", "support-1", "Sam Support");

    [Fact]
    public async Task A_member_sees_only_their_own_accounts_active_members()
    {
        var page = await Fixture.Get<MemberService>().ListMembersAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, null, new PageRequest(1, 50));

        page.Items.Select(m => m.Email).Should().Equal("admin@acme.com", "reader@acme.com");
        page.TotalCount.Should().Be(2);
        page.Items[0].Products.Should().Equal("Geocoding", "Search API");
    }

    [Fact]
    public async Task A_member_of_one_account_cannot_read_another_accounts_members()
    {
        var act = () => Fixture.Get<MemberService>().ListMembersAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Globex.Id, null, new PageRequest(1, 50));
        await act.Should().ThrowAsync<AccessDeniedException>().WithMessage("You are not a member of this account.");
    }

    [Fact]
    public async Task A_forged_actor_claiming_another_account_is_refused()
    {
        // The actor says Globex, but the member id belongs to Acme: the database decides, not the actor.
        var forged = new MemberActor(World.AcmeAdmin.Id, World.Globex.Id, "admin@acme.com");
        var act = () => Fixture.Get<SubscriptionService>().ListSubscriptionsAsync(forged, World.Globex.Id);
        await act.Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task A_removed_member_loses_access_at_once()
    {
        var act = () => Fixture.Get<SubscriptionService>().ListSubscriptionsAsync(TestWorld.ActorFor(World.AcmeRemoved), World.Acme.Id);
        await act.Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task Changing_requires_the_permission_and_membership()
    {
        var guard = Fixture.Get<AccessGuard>();
        await using var db = Fixture.CreateDbContext();

        var reader = () => guard.EnsureMemberMayAsync(db, TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, AccountPermission.ManageUsers, default);
        await reader.Should().ThrowAsync<AccessDeniedException>().WithMessage("*manage users*");

        var payment = () => guard.EnsureMemberMayAsync(db, TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, AccountPermission.ManagePayment, default);
        await payment.Should().ThrowAsync<AccessDeniedException>().WithMessage("*payment*");

        var otherAccount = () => guard.EnsureMemberMayAsync(db, TestWorld.ActorFor(World.GlobexAdmin), World.Acme.Id, AccountPermission.ManageUsers, default);
        await otherAccount.Should().ThrowAsync<AccessDeniedException>();

        var admin = await guard.EnsureMemberMayAsync(db, TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, AccountPermission.ManagePayment, default);
        admin.Id.Should().Be(World.AcmeAdmin.Id);
    }

    [Fact]
    public async Task Support_agents_view_any_account_and_every_view_is_audited()
    {
        var support = new SupportAgentActor(SupportPerson);
        var rows = await Fixture.Get<SubscriptionService>().ListSubscriptionsAsync(support, World.Globex.Id);
        await Fixture.Get<MemberService>().ListMembersAsync(support, World.Globex.Id, null, new PageRequest(1, 10));

        rows.Should().ContainSingle().Which.ProductName.Should().Be("Geocoding");
        await using var db = Fixture.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.AccountId == World.Globex.Id).OrderBy(a => a.Id).ToListAsync();
        audit.Select(a => (a.ActorKind, a.ActorName, a.Action, a.Target)).Should().Equal(
            ("support", "Sam Support", "support.view", "subscriptions"),
            ("support", "Sam Support", "support.view", "members"));
    }

    [Fact]
    public async Task Support_agents_can_never_change_an_account_or_its_payment_details()
    {
        var guard = Fixture.Get<AccessGuard>();
        await using var db = Fixture.CreateDbContext();
        var support = new SupportAgentActor(SupportPerson);

        var users = () => guard.EnsureMemberMayAsync(db, support, World.Acme.Id, AccountPermission.ManageUsers, default);
        await users.Should().ThrowAsync<AccessDeniedException>().WithMessage("Support agents can view accounts but cannot change them.");
        var payment = () => guard.EnsureMemberMayAsync(db, support, World.Acme.Id, AccountPermission.ManagePayment, default);
        await payment.Should().ThrowAsync<AccessDeniedException>().WithMessage("We cannot update payment information on a customer's behalf.");
        var asOperator = () => guard.EnsureMemberMayAsync(db, new OperatorActor("billing"), World.Acme.Id, AccountPermission.ManagePayment, default);
        await asOperator.Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task Viewing_an_account_that_does_not_exist_is_not_found()
    {
        var act = () => Fixture.Get<SubscriptionService>().ListSubscriptionsAsync(new SupportAgentActor(SupportPerson), new AccountId(Guid.NewGuid()));
        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public void Only_operators_pass_the_operator_check()
    {
        AccessGuard.EnsureOperator(new OperatorActor("billing"));
        var act = () => AccessGuard.EnsureOperator(TestWorld.ActorFor(World.AcmeAdmin));
        act.Should().Throw<AccessDeniedException>();
    }
}
