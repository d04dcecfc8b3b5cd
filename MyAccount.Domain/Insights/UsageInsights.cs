using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Auditing;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Insights;

/// <summary>Usage so far this month, run-out dates and estimates for the Subscriptions tab, and the usage alert settings.</summary>
public sealed class UsageInsights(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    public async Task<IReadOnlyList<SubscriptionInsight>> CurrentMonthAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureCanViewAsync(db, actor, accountId, "usage this month", ct);
        return await CalculateAsync(db, accountId, clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Members who may manage users or payment set the alert thresholds of a product (percent of the included volume).</summary>
    public async Task SetAlertThresholdsAsync(Actor actor, AccountId accountId, ProductId productId, IReadOnlyCollection<int> thresholds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await guard.EnsureMemberMayAsync(db, actor, accountId, AccountPermission.ManageUsageAlerts, ct);

        var setting = await db.Set<UsageAlertSetting>().SingleOrDefaultAsync(s => s.AccountId == accountId && s.ProductId == productId, ct);
        var before = setting?.Values ?? UsageAlertSetting.Defaults;
        if (setting is null)
        {
            db.Add(new UsageAlertSetting(accountId, productId, thresholds));
        }
        else
        {
            setting.Change(thresholds);
        }

        var product = await db.Products.Where(p => p.Id == productId).Select(p => p.Name).SingleAsync(ct);
        AuditLog.Record(db, clock, actor, accountId, "alerts.change", product, before, thresholds.Distinct().Order());
        await db.SaveChangesAsync(ct);
    }

    internal static async Task<List<SubscriptionInsight>> CalculateAsync(MyAccountDbContext db, AccountId accountId, DateTime now, CancellationToken ct)
    {
        var month = BillingMonth.Of(now);
        var today = DateOnly.FromDateTime(now);
        var currency = Currency.Of(await db.Accounts.Where(a => a.Id == accountId).Select(a => a.CurrencyCode).SingleAsync(ct));
        var monthEnd = month.EndExclusive;
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.StartsOn < monthEnd && (s.EndsOn == null || s.EndsOn > today))
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new BillableSubscription(s.Id, s.ProductId, p.Name, p.Unit, s.Plan, s.StartsOn, s.EndsOn))
            .ToListAsync(ct);
        var monthStart = month.FirstDay;
        var usage = await db.UsageDailyTotals.AsNoTracking()
            .Where(u => u.AccountId == accountId && u.Day >= monthStart && u.Day < monthEnd)
            .GroupBy(u => new { u.ProductId, u.Day })
            .Select(g => new { g.Key.ProductId, g.Key.Day, Quantity = g.Sum(u => u.Quantity) })
            .ToListAsync(ct);
        var settings = await db.Set<UsageAlertSetting>().AsNoTracking().Where(s => s.AccountId == accountId).ToDictionaryAsync(s => s.ProductId, s => s.Values, ct);

        return subscriptions.OrderBy(s => s.ProductName, StringComparer.OrdinalIgnoreCase).Select(s =>
        {
            var used = usage.Where(u => u.ProductId == s.ProductId && s.IsActiveOn(u.Day)).Sum(u => u.Quantity);
            var included = s.ProratedAllowance(month);
            var forecast = Forecast(s, month, now, used);
            var (units, amount) = s.Overage(month, forecast.Usage, currency);
            var nextFee = s.IsActiveOn(month.Next.FirstDay) ? s.Plan.MonthlyFeeMinor : 0;
            var period = s.ActiveRange(month) ?? (month.FirstDay, month.EndExclusive);
            return new SubscriptionInsight(s.Id, s.ProductId, s.ProductName, s.Unit, used, included, forecast.RunsOutOn(included, used), used > included,
                forecast.Usage, units, new Money(amount, currency.Code), new Money(nextFee + amount, currency.Code),
                settings.GetValueOrDefault(s.ProductId, UsageAlertSetting.Defaults), period.From, period.Until);
        }).ToList();
    }

    /// <summary>The pace so far (units per day since the subscription's first active moment this month), projected to the month's end.</summary>
    private static (long Usage, Func<long, long, DateOnly?> RunsOutOn) Forecast(BillableSubscription s, BillingMonth month, DateTime now, long used)
    {
        var range = s.ActiveRange(month);
        if (range is not { } active)
        {
            return (used, (_, _) => null);
        }

        var start = active.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = active.Until.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (now <= start)
        {
            return (used, (_, _) => null);
        }

        var elapsedDays = (decimal)Math.Max((Math.Min(now.Ticks, end.Ticks) - start.Ticks) / (double)TimeSpan.TicksPerDay, 1.0 / 24);
        var totalDays = (decimal)(end - start).TotalDays;
        var pace = used / elapsedDays;
        var projected = (long)Math.Round(pace * totalDays, MidpointRounding.AwayFromZero);
        return (Math.Max(projected, used), (included, usedSoFar) =>
        {
            if (usedSoFar >= included || pace == 0)
            {
                return null;
            }

            var day = DateOnly.FromDateTime(start.AddDays((double)(included / pace)));
            return day < active.Until ? day : null;
        });
    }
}
