using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Subscriptions;

/// <summary>Operators start and end subscriptions. A product has at most one subscription active on any day.</summary>
public sealed class SubscriptionProvisioning(IDbContextFactory<MyAccountDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Subscription> CreateSubscriptionAsync(Actor actor, AccountId accountId, string productCode, SubscriptionPlanInput plan,
        DateOnly startsOn, DateOnly? endsOn, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct)
                      ?? throw new NotFoundException("There is no such account.");
        var code = productCode?.Trim().ToLowerInvariant() ?? "";
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct)
                      ?? throw new DomainValidationException("productCode", $"Unknown product '{productCode}'.");

        var terms = SubscriptionPlan.Create(plan.MonthlyFee(account.Currency), plan.IncludedVolume, plan.Overage);
        var subscription = new Subscription(accountId, product.Id, terms, startsOn, endsOn, clock.GetUtcNow().UtcDateTime);

        var latest = await LatestInvoicedAsync(db, accountId, ct);
        if (latest is { } invoiced && startsOn < invoiced.FirstDay)
        {
            throw new DomainValidationException("startsOn",
                $"The account is invoiced for {invoiced}: a new subscription can start on {invoiced.FirstDay:yyyy-MM-dd} or later.");
        }

        var others = await db.Subscriptions.AsNoTracking().Where(s => s.AccountId == accountId && s.ProductId == product.Id).ToListAsync(ct);
        if (others.FirstOrDefault(o => Overlaps(o.StartsOn, o.EndsOn, startsOn, endsOn)) is { } overlapping)
        {
            throw new ConcurrencyConflictException(
                $"The account already has a '{product.Code}' subscription from {overlapping.StartsOn:yyyy-MM-dd}" +
                (overlapping.EndsOn is { } end ? $" to {end:yyyy-MM-dd}" : "") + "; end it before the new one starts.");
        }

        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return subscription;
    }

    public async Task EndSubscriptionAsync(Actor actor, AccountId accountId, SubscriptionId subscriptionId, DateOnly endsOn, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId && s.AccountId == accountId, ct)
                           ?? throw new NotFoundException("There is no such subscription on this account.");
        subscription.End(endsOn);
        await db.SaveChangesAsync(ct);
    }

    private static bool Overlaps(DateOnly aStart, DateOnly? aEnd, DateOnly bStart, DateOnly? bEnd) =>
        aStart < (bEnd ?? DateOnly.MaxValue) && bStart < (aEnd ?? DateOnly.MaxValue);

    private static async Task<BillingMonth?> LatestInvoicedAsync(MyAccountDbContext db, AccountId accountId, CancellationToken ct)
    {
        var latest = await db.Invoices.Where(i => i.AccountId == accountId)
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Month)
            .Select(i => new { i.Year, i.Month }).FirstOrDefaultAsync(ct);
        return latest is null ? null : new BillingMonth(latest.Year, latest.Month);
    }
}

/// <summary>
/// Plan terms as an operator sends them: the monthly fee as an exact decimal in major units (it must fit the
/// currency's minor unit), the included volume and the overage pricing.
/// </summary>
public sealed record SubscriptionPlanInput(decimal MonthlyFeeMajor, long IncludedVolume, OveragePricing Overage)
{
    public Money MonthlyFee(Currency currency)
    {
        InputLimits.Price(MonthlyFeeMajor, InputLimits.MaxAmountMajor, "monthlyFee");
        var minor = MonthlyFeeMajor * currency.MinorPerMajor;
        if (minor != decimal.Truncate(minor))
        {
            throw new DomainValidationException("monthlyFee", $"The monthly fee must be a whole number of minor units of {currency.Code} ({currency.Digits} decimals at most).");
        }

        if (minor is < 0 or > long.MaxValue / 1000)
        {
            throw new DomainValidationException("monthlyFee", "The monthly fee is out of range.");
        }

        return new Money((long)minor, currency.Code);
    }
}
