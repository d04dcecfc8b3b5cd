using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Access;

/// <summary>
/// The one place that decides whether an actor may view or change an account. Services call it first, inside the
/// database context they then use, so the decision and the data come from the same state.
/// </summary>
public sealed class AccessGuard(TimeProvider clock)
{
    internal const string NotAMember = "You are not a member of this account.";

    /// <summary>Repeated reads of the same thing by the same agent within this window count as one support view.</summary>
    public static readonly TimeSpan SupportViewWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Anyone in the account, a support agent or an operator may view it. A support agent's view is written to the
    /// account's audit log, naming what was viewed.
    /// </summary>
    public async Task EnsureCanViewAsync(MyAccountDbContext db, Actor actor, AccountId accountId, string viewed, CancellationToken ct)
    {
        switch (actor)
        {
            case MemberActor member:
                await ActiveMemberAsync(db, member, accountId, ct);
                break;
            case SupportAgentActor support:
                await RequireAccountAsync(db, accountId, ct);
                // One entry per view: a page that reads twice (prerender, then the live circuit) or reloads within minutes is one view.
                var now = clock.GetUtcNow().UtcDateTime;
                var since = now - SupportViewWindow;
                if (!await db.AuditEntries.AnyAsync(a => a.AccountId == accountId && a.Action == "support.view" && a.ActorName == support.Name
                                                         && a.Target == viewed && a.At > since, ct))
                {
                    db.AuditEntries.Add(new AuditEntry(accountId, now, support.Kind, support.Name, "support.view", viewed, null, null));
                    await db.SaveChangesAsync(ct);
                }

                break;
            case OperatorActor:
                await RequireAccountAsync(db, accountId, ct);
                break;
            default:
                throw new AccessDeniedException("Unknown actor.");
        }
    }

    /// <summary>Only an active member of the account holding <paramref name="permission"/> may change it.</summary>
    public async Task<Member> EnsureMemberMayAsync(MyAccountDbContext db, Actor actor, AccountId accountId, AccountPermission permission, CancellationToken ct)
    {
        switch (actor)
        {
            case MemberActor memberActor:
                var member = await ActiveMemberAsync(db, memberActor, accountId, ct);
                var allowed = permission switch
                {
                    AccountPermission.ManageUsers => member.CanManageUsers,
                    AccountPermission.ManagePayment => member.CanManagePayment,
                    AccountPermission.ManageUsageAlerts => member.CanManageUsers || member.CanManagePayment,
                    _ => false,
                };
                return allowed
                    ? member
                    : throw new AccessDeniedException(permission switch
                    {
                        AccountPermission.ManageUsers => "You need the permission to manage users to do this.",
                        AccountPermission.ManagePayment => "You need the permission to edit payment information to do this.",
                        _ => "You need the permission to manage users or to edit payment information to do this.",
                    });
            case SupportAgentActor when permission == AccountPermission.ManagePayment:
                throw new AccessDeniedException("We cannot update payment information on a customer's behalf.");
            case SupportAgentActor:
                throw new AccessDeniedException("Support agents can view accounts but cannot change them.");
            default:
                throw new AccessDeniedException("Only a member of the account can do this.");
        }
    }

    /// <summary>Operator-only actions: provisioning and billing.</summary>
    public static void EnsureOperator(Actor actor)
    {
        if (actor is not OperatorActor)
        {
            throw new AccessDeniedException("Only a billing operator can do this.");
        }
    }

    private static async Task<Member> ActiveMemberAsync(MyAccountDbContext db, MemberActor actor, AccountId accountId, CancellationToken ct)
    {
        // Tenant isolation: the actor's own account must be the one asked about, and the membership must still be active.
        if (actor.AccountId != accountId)
        {
            throw new AccessDeniedException(NotAMember);
        }

        var member = await db.Members.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == actor.MemberId && m.AccountId == accountId, ct);
        return member is { IsActive: true } ? member : throw new AccessDeniedException(NotAMember);
    }

    private static async Task RequireAccountAsync(MyAccountDbContext db, AccountId accountId, CancellationToken ct)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
        {
            throw new NotFoundException("There is no such account.");
        }
    }
}
