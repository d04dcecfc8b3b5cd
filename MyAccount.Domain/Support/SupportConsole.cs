using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Support;

/// <summary>An account a support search found, and why.</summary>
public sealed record SupportSearchResult(AccountId AccountId, string AccountName, string CurrencyCode, string MatchedBy);

/// <summary>The support console: vendor staff find a customer account by name, member email or invoice number.</summary>
public sealed class SupportConsole(IDbContextFactory<MyAccountDbContext> dbFactory)
{
    public async Task<PagedResult<SupportSearchResult>> SearchAsync(Actor actor, string? query, PageRequest page, CancellationToken ct = default)
    {
        if (actor is not SupportAgentActor)
        {
            throw new AccessDeniedException("Only vendor support agents can search customer accounts.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var term = query?.Trim() ?? "";
        var results = new Dictionary<AccountId, SupportSearchResult>();
        var accounts = db.Accounts.AsNoTracking();
        if (term.Length == 0)
        {
            foreach (var a in await accounts.OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.CurrencyCode }).ToListAsync(ct))
            {
                results[a.Id] = new SupportSearchResult(a.Id, a.Name, a.CurrencyCode, "");
            }
        }
        else
        {
            var lower = term.ToLowerInvariant();
            foreach (var a in await accounts.Where(a => a.Name.ToLower().Contains(lower)).Select(a => new { a.Id, a.Name, a.CurrencyCode }).Take(500).ToListAsync(ct))
            {
                results.TryAdd(a.Id, new SupportSearchResult(a.Id, a.Name, a.CurrencyCode, "name"));
            }

            var byEmail = await db.Members.AsNoTracking().Where(m => m.Email.Contains(lower) && m.Status == MemberStatus.Active)
                .Join(accounts, m => m.AccountId, a => a.Id, (m, a) => new { a.Id, a.Name, a.CurrencyCode, m.Email }).Take(500).ToListAsync(ct);
            foreach (var a in byEmail)
            {
                results.TryAdd(a.Id, new SupportSearchResult(a.Id, a.Name, a.CurrencyCode, $"member {a.Email}"));
            }

            var number = term.ToUpperInvariant();
            var byInvoice = await db.Invoices.AsNoTracking().Where(i => i.Number == number)
                .Join(accounts, i => i.AccountId, a => a.Id, (i, a) => new { a.Id, a.Name, a.CurrencyCode, i.Number }).ToListAsync(ct);
            foreach (var a in byInvoice)
            {
                results[a.Id] = new SupportSearchResult(a.Id, a.Name, a.CurrencyCode, $"invoice {a.Number}");
            }
        }

        var ordered = results.Values.OrderBy(r => r.AccountName, StringComparer.OrdinalIgnoreCase).ToList();
        return new PagedResult<SupportSearchResult>(ordered.Skip(page.Skip).Take(page.SafePageSize).ToList(), ordered.Count, page.SafePage, page.SafePageSize);
    }
}
