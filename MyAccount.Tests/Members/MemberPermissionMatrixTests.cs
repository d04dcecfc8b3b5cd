using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Members;

/// <summary>Every persona × every Users-tab action, at the service layer: allowed or refused, never decided by the UI.</summary>
public sealed class MemberPermissionMatrixTests
{
    private static readonly Uri Base = new("https://portal.example.com/");

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        string[] actions = ["list", "who-may", "invite", "resend", "revoke", "edit-products", "grant-users", "revoke-users", "grant-payment", "revoke-payment", "remove"];
        foreach (var action in actions)
        {
            data.Add("admin", action, true);
            // Managing users does not include granting "edit payment": nobody grants a permission they do not hold.
            data.Add("users-only", action, action != "grant-payment");
            data.Add("payments-only", action, action is "list" or "who-may");
            data.Add("member", action, action is "list" or "who-may");
            data.Add("support", action, action is "list" or "who-may");
            data.Add("other-account", action, false);
            data.Add("anonymous", action, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_persona_may_do_only_what_its_permissions_allow(string persona, string action, bool allowed)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var world = await TestWorld.CreateAsync(fixture);
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var usersOnly = new Member(world.Acme.Id, "users@acme.com", null, new(true, false), [], now);
        var paymentsOnly = new Member(world.Acme.Id, "payments@acme.com", null, new(false, true), [], now);
        var target = new Member(world.Acme.Id, "target@acme.com", null, new(true, true), [], now);
        await using (var db = fixture.CreateDbContext())
        {
            db.Members.AddRange(usersOnly, paymentsOnly, target);
            await db.SaveChangesAsync();
        }

        var management = fixture.Get<MemberManagement>();
        var invitation = await management.InviteAsync(TestWorld.ActorFor(world.AcmeAdmin), world.Acme.Id,
            new MemberAccessInput("pending@acme.com", null, [], MemberPermissions.None), Base);

        Actor actor = persona switch
        {
            "admin" => TestWorld.ActorFor(world.AcmeAdmin),
            "users-only" => TestWorld.ActorFor(usersOnly),
            "payments-only" => TestWorld.ActorFor(paymentsOnly),
            "member" => TestWorld.ActorFor(world.AcmeReader),
            "support" => new SupportAgentActor(new PersonIdentity("vendor", "agent", "Sam Support")),
            "other-account" => TestWorld.ActorFor(world.GlobexAdmin),
            _ => new MemberActor(MemberId.New(), world.Acme.Id, "nobody@acme.com"),
        };
        var acme = world.Acme.Id;
        var version = (await management.GetMemberAccessAsync(TestWorld.ActorFor(world.AcmeAdmin), acme, target.Id)).Version;
        Func<Task> act = action switch
        {
            "list" => () => fixture.Get<MemberService>().ListMembersAsync(actor, acme, null, new PageRequest(1, 10)),
            "who-may" => () => fixture.Get<MemberService>().ListMembersWhoMayAsync(actor, acme, AccountPermission.ManageUsers),
            "invite" => () => management.InviteAsync(actor, acme, new MemberAccessInput("new@acme.com", null, [world.Search.Id], MemberPermissions.None), Base),
            "resend" => () => management.ResendAsync(actor, acme, invitation.Id, Base),
            "revoke" => () => management.RevokeAsync(actor, acme, invitation.Id),
            "edit-products" => () => management.UpdateMemberAccessAsync(actor, acme, target.Id, [world.Search.Id], new(true, true), version),
            "grant-users" => () => management.UpdateMemberAccessAsync(actor, acme, world.AcmeReader.Id, [], new(true, false), 1),
            "revoke-users" => () => management.UpdateMemberAccessAsync(actor, acme, target.Id, [], new(false, true), version),
            "grant-payment" => () => management.UpdateMemberAccessAsync(actor, acme, world.AcmeReader.Id, [], new(false, true), 1),
            "revoke-payment" => () => management.UpdateMemberAccessAsync(actor, acme, target.Id, [], new(true, false), version),
            "remove" => () => management.RemoveMemberAsync(actor, acme, target.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        if (allowed)
        {
            await act.Should().NotThrowAsync();
        }
        else
        {
            await act.Should().ThrowAsync<AccessDeniedException>();
        }
    }
}
