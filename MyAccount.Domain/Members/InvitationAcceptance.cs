using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Members;

/// <summary>What the person following an invitation link sees before accepting it.</summary>
public sealed record InvitationPreview(string AccountName, string Email, DateTime ExpiresAt);

/// <summary>
/// Following an invitation link and signing in binds the invitation to the signed-in identity (tid + oid) and makes them
/// an active member. The token works once; an expired, revoked or used token is refused.
/// </summary>
public sealed class InvitationAcceptance(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock, IAccountEventPublisher events)
{
    public async Task<InvitationPreview> PreviewAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await UsableAsync(db, token, ct);
        var account = await db.Accounts.Where(a => a.Id == invitation.AccountId).Select(a => a.Name).SingleAsync(ct);
        return new InvitationPreview(account, invitation.Email, invitation.ExpiresAt);
    }

    /// <returns>The account the person now belongs to.</returns>
    public async Task<AccountId> AcceptAsync(PersonIdentity person, string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitation = await UsableAsync(db, token, ct);
        var accountId = invitation.AccountId;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Members.AnyAsync(m => m.AccountId == accountId && m.Status == MemberStatus.Active
                                           && m.IdentityTenantId == person.TenantId && m.IdentityObjectId == person.ObjectId, ct))
        {
            throw new DomainValidationException("token", "You are already a member of this account.");
        }

        Member member;
        if (invitation.MemberId is { } provisioned)
        {
            member = await db.Members.SingleOrDefaultAsync(m => m.Id == provisioned && m.Status == MemberStatus.Active, ct)
                     ?? throw new DomainValidationException("token", "This invitation is no longer valid: the member was removed.");
        }
        else
        {
            if (await db.Members.AnyAsync(m => m.AccountId == accountId && m.Email == invitation.Email && m.Status == MemberStatus.Active, ct))
            {
                throw new DomainValidationException("token", $"{invitation.Email} is already a member of this account.");
            }

            member = new Member(accountId, invitation.Email, invitation.Phone, invitation.Permissions, invitation.Products, now);
            db.Members.Add(member);
        }

        member.BindIdentity(person);
        invitation.MarkAccepted(now);
        var actor = new MemberActor(member.Id, accountId, member.Email);
        AuditLog.Record(db, clock, actor, accountId, "invitation.accept", member.Email, after: new { person.TenantId, person.ObjectId, person.DisplayName });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await events.PublishAsync(new MembersChanged(accountId));
        return accountId;
    }

    private async Task<Invitation> UsableAsync(MyAccountDbContext db, string token, CancellationToken ct)
    {
        var hash = InvitationTokens.Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct)
                         ?? throw new NotFoundException("This invitation link is not valid. Ask for a new invitation.");
        return invitation.Status switch
        {
            InvitationStatus.Accepted => throw new DomainValidationException("token", "This invitation has already been used."),
            InvitationStatus.Revoked => throw new DomainValidationException("token", "This invitation was withdrawn. Ask for a new invitation."),
            _ when invitation.ExpiresAt <= clock.GetUtcNow().UtcDateTime => throw new DomainValidationException("token", "This invitation has expired. Ask for a new one."),
            _ => invitation,
        };
    }
}
