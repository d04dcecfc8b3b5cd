using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Members;

/// <summary>
/// Operators provision a customer's first admin: an active member, and an invitation emailed to them that binds their
/// sign-in to that member the first time they follow it.
/// </summary>
public sealed class MemberProvisioning(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock, InvitationMailer mailer)
{
    public async Task<Member> ProvisionMemberAsync(Actor actor, AccountId accountId, string email, string? phone, MemberPermissions permissions,
        IReadOnlyList<string> productCodes, Uri acceptBase, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
        {
            throw new NotFoundException("There is no such account.");
        }

        if (productCodes.Count > Common.InputLimits.MaxProductsPerRequest || productCodes.Any(string.IsNullOrWhiteSpace))
        {
            throw new DomainValidationException("products", $"products must be a list of at most {Common.InputLimits.MaxProductsPerRequest} product codes, none of them empty or null.");
        }

        var codes = productCodes.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList();
        var products = await db.Products.Where(p => codes.Contains(p.Code)).Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        var unknown = codes.Except(products.Select(p => p.Code)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainValidationException("products", $"Unknown product(s): {string.Join(", ", unknown)}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var member = new Member(accountId, email, phone, permissions, products.Select(p => p.Id), now);
        if (await db.Members.AnyAsync(m => m.AccountId == accountId && m.Email == member.Email && m.Status == MemberStatus.Active, ct))
        {
            throw new ConcurrencyConflictException($"{member.Email} is already a member of this account.");
        }

        db.Members.Add(member);
        var token = InvitationTokens.NewToken();
        var invitation = new Invitation(accountId, member.Email, member.Phone, permissions, member.ProductAccess.Select(p => p.ProductId),
            InvitationTokens.Hash(token), now, now + MemberManagement.InvitationLifetime, actor.Name, member.Id);
        db.Invitations.Add(invitation);
        AuditLog.Record(db, clock, actor, accountId, "member.provision", member.Email,
            after: new { permissions.CanManageUsers, permissions.CanManagePayment, Products = codes });
        await db.SaveChangesAsync(ct);

        var accountName = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
        await mailer.SendAsync(member.Email, accountName, "The SSO Portal team", token, acceptBase, invitation.ExpiresAt, ct);
        return member;
    }
}
