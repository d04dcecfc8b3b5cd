using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Subscriptions;

/// <summary>The account's current and previous product subscriptions.</summary>
public sealed class SubscriptionService(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    /// <summary>Current subscriptions first (by product), then previous ones, most recently ended first.</summary>
    public async Task<IReadOnlyList<SubscriptionRow>> ListSubscriptionsAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "subscriptions", ct);

        var currency = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.CurrencyCode).SingleAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.AccountId == accountId)
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { Subscription = s, p.Code, p.Name, p.Unit })
            .ToListAsync(ct);

        return rows
            .Select(r => new SubscriptionRow(
                r.Subscription.Id, r.Code, r.Name, r.Unit,
                new Money(r.Subscription.Plan.MonthlyFeeMinor, currency),
                r.Subscription.Plan.IncludedVolume,
                r.Subscription.Plan.Overage.Describe(currency, r.Unit),
                r.Subscription.StartsOn, r.Subscription.EndsOn,
                r.Subscription.IsCurrent(today)))
            .OrderByDescending(r => r.IsCurrent)
            .ThenBy(r => r.IsCurrent ? r.ProductName : "")
            .ThenByDescending(r => r.EndsOn ?? DateOnly.MaxValue)
            .ThenBy(r => r.ProductName)
            .ToList();
    }
}
