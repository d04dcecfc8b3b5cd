using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Insights;

/// <summary>
/// After usage arrives: when a product's usage this month crosses an alert threshold, the members who may manage users or
/// payment are emailed — once per threshold per month.
/// </summary>
public sealed class UsageAlerts(IDbContextFactory<MyAccountDbContext> dbFactory, IEmailSender email, TimeProvider clock, ILogger<UsageAlerts> logger)
{
    public async Task<int> CheckAsync(IReadOnlyCollection<AccountId> accounts, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var month = BillingMonth.Of(now);
        var sent = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var accountId in await CandidatesAsync(db, accounts, month, ct))
        {
            var insights = await UsageInsights.CalculateAsync(db, accountId, now, ct);
            var already = await db.Set<UsageAlertSent>().Where(a => a.AccountId == accountId && a.Year == month.Year && a.Month == month.Month)
                .Select(a => new { a.ProductId, a.Threshold }).ToListAsync(ct);
            foreach (var insight in insights.Where(i => i.IncludedThisMonth > 0))
            {
                var crossed = insight.AlertThresholds
                    .Where(t => insight.UsedSoFar * 100 >= (long)t * insight.IncludedThisMonth)
                    .Where(t => !already.Any(a => a.ProductId == insight.ProductId && a.Threshold == t))
                    .ToList();
                if (crossed.Count == 0)
                {
                    continue;
                }

                foreach (var threshold in crossed)
                {
                    db.Add(new UsageAlertSent(accountId, insight.ProductId, month.Year, month.Month, threshold, now));
                }

                await db.SaveChangesAsync(ct);
                await NotifyAsync(db, accountId, insight, crossed.Max(), month, ct);
                sent++;
            }
        }

        return sent;
    }

    /// <summary>
    /// The accounts where some product may have crossed a threshold not yet announced this month: three set-based queries for
    /// the whole batch, so ingesting usage stays fast; only these get the detailed calculation.
    /// </summary>
    private static async Task<List<AccountId>> CandidatesAsync(MyAccountDbContext db, IReadOnlyCollection<AccountId> accounts, BillingMonth month, CancellationToken ct)
    {
        var ids = accounts.ToList();
        var from = month.FirstDay;
        var until = month.EndExclusive;
        var used = await db.UsageDailyTotals.AsNoTracking()
            .Where(u => ids.Contains(u.AccountId) && u.Day >= from && u.Day < until)
            .GroupBy(u => new { u.AccountId, u.ProductId })
            .Select(g => new { g.Key.AccountId, g.Key.ProductId, Used = g.Sum(u => u.Quantity) })
            .ToListAsync(ct);
        var included = await db.Subscriptions.AsNoTracking()
            .Where(s => ids.Contains(s.AccountId) && s.StartsOn < until && (s.EndsOn == null || s.EndsOn > from))
            .Select(s => new { s.AccountId, s.ProductId, s.Plan.IncludedVolume, s.StartsOn, s.EndsOn })
            .ToListAsync(ct);
        // The allowance this month, prorated by active days as billing does (rounding aside).
        var allowance = included.Select(s =>
        {
            var first = s.StartsOn > from ? s.StartsOn : from;
            var last = s.EndsOn is { } end && end < until ? end : until;
            var days = Math.Max(0, last.DayNumber - first.DayNumber);
            return new { s.AccountId, s.ProductId, Volume = (decimal)s.IncludedVolume * days / month.Days };
        }).ToList();
        var announced = await db.Set<UsageAlertSent>().AsNoTracking()
            .Where(a => ids.Contains(a.AccountId) && a.Year == month.Year && a.Month == month.Month)
            .GroupBy(a => new { a.AccountId, a.ProductId })
            .Select(g => new { g.Key.AccountId, g.Key.ProductId, Highest = g.Max(a => a.Threshold) })
            .ToListAsync(ct);
        var lowest = await db.Set<UsageAlertSetting>().AsNoTracking().Where(s => ids.Contains(s.AccountId)).ToListAsync(ct);

        // A product is a candidate when its usage reaches the lowest threshold not yet announced (one unit of slack for the
        // allowance's rounding); the detailed check, per subscription, decides.
        return used.Where(u =>
            {
                var volume = allowance.Where(i => i.AccountId == u.AccountId && i.ProductId == u.ProductId).Sum(i => i.Volume);
                var thresholds = lowest.FirstOrDefault(s => s.AccountId == u.AccountId && s.ProductId == u.ProductId)?.Values ?? UsageAlertSetting.Defaults;
                var done = announced.FirstOrDefault(a => a.AccountId == u.AccountId && a.ProductId == u.ProductId)?.Highest ?? 0;
                var next = thresholds.Where(t => t > done).DefaultIfEmpty(int.MaxValue).Min();
                return volume > 0 && next != int.MaxValue && (u.Used + 1) * 100m >= next * volume;
            })
            .Select(u => u.AccountId)
            .Distinct()
            .ToList();
    }

    private async Task NotifyAsync(MyAccountDbContext db, AccountId accountId, SubscriptionInsight insight, int threshold, BillingMonth month, CancellationToken ct)
    {
        var to = await db.Members.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.Status == MemberStatus.Active && (m.CanManageUsers || m.CanManagePayment))
            .Select(m => m.Email).OrderBy(e => e).ToListAsync(ct);
        var account = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
        if (to.Count == 0)
        {
            return;
        }

        try
        {
            await email.SendAsync(new EmailMessage(to, $"{insight.ProductName}: {threshold}% of the included volume used in {month.Display}",
                $"""
                Hello,

                {account} has used {insight.UsedSoFar:N0} of the {insight.IncludedThisMonth:N0} {insight.Unit} included in {month.Display} for {insight.ProductName} ({insight.PercentUsed}%).
                Usage above the included volume is billed on next month's invoice. At the current pace the estimate for this month is
                {insight.ForecastUsage:N0} {insight.Unit}, {insight.ForecastOverage.Format()} of overage (an estimate).

                See My Account > Subscriptions in the SSO Portal for details, or change these alerts there.
                """), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The usage alert for {Account} could not be emailed.", account);
        }
    }
}
