using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Accounts;

/// <summary>
/// Turns a signed-in identity into an actor: the memberships bound to its tid+oid, or a support agent. A support agent has an
/// account open only once they chose one (support console or switcher); until then they have none.
/// </summary>
public sealed class AccountDirectory(IDbContextFactory<MyAccountDbContext> dbFactory)
{
    /// <summary>How many accounts the support agent's switcher offers (the support console searches the rest).</summary>
    public const int SupportAccountListLimit = 200;

    public async Task<SignedInPerson> ResolveAsync(PersonIdentity person, bool isSupportAgent, AccountId? requested, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (isSupportAgent)
        {
            var accounts = await db.Accounts.AsNoTracking()
                .OrderBy(a => a.Name)
                .Take(SupportAccountListLimit)
                .Select(a => new AccountChoice(a.Id, a.Name, a.CurrencyCode))
                .ToListAsync(ct);
            var current = requested is { } id
                ? accounts.FirstOrDefault(a => a.Id == id)
                    ?? await db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => new AccountChoice(a.Id, a.Name, a.CurrencyCode)).FirstOrDefaultAsync(ct)
                : null;
            // No account is open until the agent opens one from the support console: signing in records no support view.
            return new SignedInPerson(new SupportAgentActor(person), current, accounts, IsSupportAgent: true);
        }

        var memberships = await db.Members.AsNoTracking()
            .Where(m => m.IdentityTenantId == person.TenantId && m.IdentityObjectId == person.ObjectId && m.Status == MemberStatus.Active)
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => new { m.Id, m.Email, m.CanManageUsers, m.CanManagePayment, Choice = new AccountChoice(a.Id, a.Name, a.CurrencyCode) })
            .ToListAsync(ct);
        var ordered = memberships.OrderBy(m => m.Choice.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var chosen = ordered.FirstOrDefault(m => m.Choice.Id == requested) ?? ordered.FirstOrDefault();
        return chosen is null
            ? new SignedInPerson(null, null, [], IsSupportAgent: false)
            : new SignedInPerson(new MemberActor(chosen.Id, chosen.Choice.Id, chosen.Email), chosen.Choice, ordered.Select(m => m.Choice).ToList(), IsSupportAgent: false,
                new MemberPermissions(chosen.CanManageUsers, chosen.CanManagePayment));
    }
}
