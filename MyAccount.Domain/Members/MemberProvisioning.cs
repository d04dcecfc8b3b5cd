using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Members;

/// <summary>Operators provision a customer's first admin: an active member whose sign-in is bound the first time they sign in.</summary>
public sealed class MemberProvisioning(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Member> ProvisionMemberAsync(Actor actor, AccountId accountId, string email, string? phone, MemberPermissions permissions,
        IReadOnlyList<string> productCodes, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
        {
            throw new NotFoundException("There is no such account.");
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
        db.AuditEntries.Add(new AuditEntry(accountId, now, actor.Kind, actor.Name, "member.provision", member.Email, null,
            $"{{\"canManageUsers\":{permissions.CanManageUsers.ToString().ToLowerInvariant()},\"canManagePayment\":{permissions.CanManagePayment.ToString().ToLowerInvariant()},\"products\":[{string.Join(",", codes.Select(c => $"\"{c}\""))}]}}"));
        await db.SaveChangesAsync(ct);
        return member;
    }
}
