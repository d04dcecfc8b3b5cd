using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Accounts;

/// <summary>Customer accounts, provisioned by billing operators.</summary>
public sealed class AccountService(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Account> CreateAccountAsync(Actor actor, string name, string currency, string? timeZone, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        var account = new Account(name, Currency.Of(currency ?? ""), string.IsNullOrWhiteSpace(timeZone) ? "Etc/UTC" : timeZone, clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        return account;
    }
}
