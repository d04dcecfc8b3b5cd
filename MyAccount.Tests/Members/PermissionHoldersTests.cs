using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Members;

/// <summary>Whom a member without a permission can ask: the active members holding it, and nobody else.</summary>
public sealed class PermissionHoldersTests : WorldTest
{
    protected override async Task SetUpAsync()
    {
        var now = Fixture.Clock.GetUtcNow().UtcDateTime;
        await using var db = Fixture.CreateDbContext();
        db.Members.AddRange(
            new Member(World.Acme.Id, "uma@acme.com", null, new MemberPermissions(true, false), [], now),
            new Member(World.Acme.Id, "paul@acme.com", null, new MemberPermissions(false, true), [], now));
        await db.SaveChangesAsync();
    }

    private Task<IReadOnlyList<string>> Ask(AccountPermission permission) =>
        Fixture.Get<MemberService>().ListMembersWhoMayAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id, permission);

    [Fact]
    public async Task Only_active_members_of_the_account_holding_the_permission_are_listed_alphabetically()
    {
        // gone@acme.com (removed) and admin@globex.com (another account) hold both permissions too.
        (await Ask(AccountPermission.ManageUsers)).Should().Equal("admin@acme.com", "uma@acme.com");
        (await Ask(AccountPermission.ManagePayment)).Should().Equal("admin@acme.com", "paul@acme.com");
        (await Ask(AccountPermission.ManageUsageAlerts)).Should().Equal("admin@acme.com", "paul@acme.com", "uma@acme.com");
    }

    [Fact]
    public async Task Another_accounts_member_is_refused()
    {
        var act = () => Fixture.Get<MemberService>().ListMembersWhoMayAsync(TestWorld.ActorFor(World.GlobexAdmin), World.Acme.Id, AccountPermission.ManageUsers);
        await act.Should().ThrowAsync<AccessDeniedException>();
    }
}
