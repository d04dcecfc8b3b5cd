using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Members;

/// <summary>
/// What the person following an invitation link sees before accepting it; <paramref name="Refusal"/> says why this
/// signed-in person cannot accept it (another address, a support agent), or is null when they can.
/// </summary>
public sealed record InvitationPreview(string AccountName, string Email, DateTime ExpiresAt, string? Refusal = null);

/// <summary>
/// Following an invitation link and signing in binds the invitation to the signed-in identity (tid + oid) and makes them
/// an active member. The token works once; an expired, revoked or used token is refused. The link alone is not a credential:
/// only a person whose sign-in asserts the invited email address (case-insensitive) may accept, and a vendor support agent
/// never joins a customer account.
/// </summary>
public sealed class InvitationAcceptance(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock, IAccountEventPublisher events)
{
    public async Task<InvitationPreview> PreviewAsync(string token, PersonIdentity person, bool isSupportAgent, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await UsableAsync(db, token, ct);
        var account = await db.Accounts.Where(a => a.Id == invitation.AccountId).Select(a => a.Name).SingleAsync(ct);
        return new InvitationPreview(account, invitation.Email, invitation.ExpiresAt, Refusal(invitation, person, isSupportAgent));
    }

    /// <param name="isSupportAgent">The person signed in as a vendor support agent: refused, whatever the address.</param>
    /// <returns>The account the person now belongs to.</returns>
    public async Task<AccountId> AcceptAsync(PersonIdentity person, bool isSupportAgent, string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitation = await UsableAsync(db, token, ct);
        if (Refusal(invitation, person, isSupportAgent) is { } refusal)
        {
            throw new AccessDeniedException(refusal);
        }

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

    /// <summary>Why this person may not accept the invitation, or null when they may.</summary>
    private static string? Refusal(Invitation invitation, PersonIdentity person, bool isSupportAgent)
    {
        if (isSupportAgent)
        {
            return "Vendor support agents cannot join a customer account. Sign in with a customer account's own sign-in to accept this invitation.";
        }

        if (string.IsNullOrWhiteSpace(person.Email))
        {
            return $"This invitation is for {invitation.Email}, and your sign-in does not tell us your email address. Sign in as {invitation.Email} to accept it.";
        }

        return string.Equals(person.Email.Trim(), invitation.Email, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"This invitation is for {invitation.Email}, but you are signed in as {person.Email.Trim()}. Sign out and sign in as {invitation.Email} to accept it.";
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
