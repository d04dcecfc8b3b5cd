using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Members;

/// <summary>The account's members: who they are and what they may use.</summary>
public sealed class MemberService(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard)
{
    /// <summary>
    /// Active members of the account, by email, one page at a time. <paramref name="search"/> matches part of the
    /// email or the phone number. Anyone in the account may view; support views are audited.
    /// </summary>
    public async Task<PagedResult<MemberRow>> ListMembersAsync(Actor actor, AccountId accountId, string? search, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "members", ct);

        var query = db.Members.AsNoTracking().Where(m => m.AccountId == accountId && m.Status == MemberStatus.Active);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
            query = digits.Length >= 3
                ? query.Where(m => m.Email.Contains(term) || (m.Phone != null && m.Phone.Contains(digits)))
                : query.Where(m => m.Email.Contains(term));
        }

        var total = await query.CountAsync(ct);
        var members = await query
            .OrderBy(m => m.Email)
            .Skip(page.Skip)
            .Take(page.SafePageSize)
            .Select(m => new { m.Id, m.Email, m.Phone, m.CanManageUsers, m.CanManagePayment, m.Version })
            .ToListAsync(ct);

        var ids = members.Select(m => m.Id).ToList();
        var access = await db.MemberProductAccess.AsNoTracking()
            .Where(a => ids.Contains(a.MemberId))
            .Join(db.Products, a => a.ProductId, p => p.Id, (a, p) => new { a.MemberId, p.Name })
            .ToListAsync(ct);
        var productsByMember = access.ToLookup(a => a.MemberId, a => a.Name);

        var rows = members
            .Select(m => new MemberRow(m.Id, m.Email, m.Phone, productsByMember[m.Id].Order(StringComparer.OrdinalIgnoreCase).ToList(),
                m.CanManageUsers, m.CanManagePayment, m.Version))
            .ToList();
        return new PagedResult<MemberRow>(rows, total, page.SafePage, page.SafePageSize);
    }

    /// <summary>
    /// The emails of the active members who hold <paramref name="permission"/>, alphabetically: whom a member without it can ask.
    /// Anyone who may view the account may ask; support views are audited.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListMembersWhoMayAsync(Actor actor, AccountId accountId, AccountPermission permission, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "members", ct);

        var active = db.Members.AsNoTracking().Where(m => m.AccountId == accountId && m.Status == MemberStatus.Active);
        var holders = permission switch
        {
            AccountPermission.ManageUsers => active.Where(m => m.CanManageUsers),
            AccountPermission.ManagePayment => active.Where(m => m.CanManagePayment),
            AccountPermission.ManageUsageAlerts => active.Where(m => m.CanManageUsers || m.CanManagePayment),
            _ => throw new ArgumentOutOfRangeException(nameof(permission)),
        };
        return await holders.OrderBy(m => m.Email).Select(m => m.Email).ToListAsync(ct);
    }
}
