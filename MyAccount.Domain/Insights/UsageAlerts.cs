using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Persistence;
using MyAccount.Domain.Usage;

namespace MyAccount.Domain.Insights;

/// <summary>
/// After usage arrives: when a product's usage this month crosses an alert threshold, the members who may manage users or
/// payment are emailed — once per threshold per month.
/// </summary>
public sealed class UsageAlerts(IDbContextFactory<MyAccountDbContext> dbFactory, IEmailSender email, TimeProvider clock, ILogger<UsageAlerts> logger)
{
    /// <summary>
    /// The detailed check for accounts <see cref="CandidatesAsync"/> picked. Never fails the caller: usage is already stored
    /// when this runs, and an alert that cannot be sent is logged.
    /// </summary>
    internal async Task<int> NotifyCandidatesAsync(IReadOnlyCollection<AccountId> candidates, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var month = BillingMonth.Of(now);
        var sent = 0;
        foreach (var accountId in candidates)
        {
            // Another batch of the same account may announce a threshold at the same moment: the unique key lets one of them
            // record it, and the other checks the account again, so every threshold is sent exactly once.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    sent += await NotifyAccountAsync(accountId, now, month, ct);
                    break;
                }
                catch (DbUpdateException ex) when (attempt < 3 && Stores.IsUniqueViolation(ex))
                {
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(ex, "Usage alerts for account {Account} could not be checked.", accountId);
                    break;
                }
            }
        }

        return sent;
    }

    private async Task<int> NotifyAccountAsync(AccountId accountId, DateTime now, BillingMonth month, CancellationToken ct)
    {
        var sent = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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

            // Recorded before the email goes out: a threshold is announced at most once even if two checks race.
            await db.SaveChangesAsync(ct);
            await NotifyAsync(db, accountId, insight, crossed.Max(), month, ct);
            sent++;
        }

        return sent;
    }

    /// <summary>
    /// Of the given accounts, those where some product may have crossed a threshold not yet announced this month, from one
    /// round of four small queries (<see cref="IUsageStore.LoadAlertCheckDataAsync"/>), so that ingesting stays fast; only
    /// these accounts get the detailed calculation. The allowance is prorated exactly as billing does.
    /// </summary>
    internal static List<AccountId> Candidates(AlertCheckData data, BillingMonth month)
    {
        var allowance = new Dictionary<(AccountId, ProductId), long>();
        foreach (var s in data.Subscriptions)
        {
            var key = (s.Account, s.Product);
            var days = Billing.BillableSubscription.ActiveDays(s.StartsOn, s.EndsOn, month);
            allowance[key] = allowance.GetValueOrDefault(key) + Billing.BillableSubscription.ProratedAllowance(s.IncludedVolume, days, month);
        }

        // A product is a candidate when its usage reaches the lowest threshold not yet announced; the detailed check, per
        // subscription, decides.
        return data.Used.Where(u =>
            {
                var volume = allowance.GetValueOrDefault(u.Key);
                var thresholds = data.Settings.TryGetValue(u.Key, out var text) ? UsageAlertSetting.Parse(text) : UsageAlertSetting.Defaults;
                var done = data.Announced.GetValueOrDefault(u.Key);
                var next = thresholds.Where(t => t > done).DefaultIfEmpty(int.MaxValue).Min();
                return volume > 0 && next != int.MaxValue && u.Value * 100m >= (decimal)next * volume;
            })
            .Select(u => u.Key.Item1)
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

/// <summary>Reads the four result sets of the usage-alert pre-check query, whichever provider ran it.</summary>
internal static class AlertCheckReader
{
    public static async Task<AlertCheckData> ReadAsync(System.Data.Common.DbDataReader reader, Func<System.Data.Common.DbDataReader, int, DateOnly> date, CancellationToken ct)
    {
        static (AccountId, ProductId) Key(System.Data.Common.DbDataReader row) => (new AccountId(row.GetGuid(0)), new ProductId(row.GetGuid(1)));
        var used = new Dictionary<(AccountId, ProductId), long>();
        while (await reader.ReadAsync(ct))
        {
            used[Key(reader)] = Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        }

        await reader.NextResultAsync(ct);
        var subscriptions = new List<(AccountId, ProductId, long, DateOnly, DateOnly?)>();
        while (await reader.ReadAsync(ct))
        {
            var (account, product) = Key(reader);
            subscriptions.Add((account, product, reader.GetInt64(2), date(reader, 3), reader.IsDBNull(4) ? null : date(reader, 4)));
        }

        await reader.NextResultAsync(ct);
        var announced = new Dictionary<(AccountId, ProductId), int>();
        while (await reader.ReadAsync(ct))
        {
            announced[Key(reader)] = reader.GetInt32(2);
        }

        await reader.NextResultAsync(ct);
        var settings = new Dictionary<(AccountId, ProductId), string>();
        while (await reader.ReadAsync(ct))
        {
            settings[Key(reader)] = reader.GetString(2);
        }

        return new AlertCheckData(used, subscriptions, announced, settings);
    }
}
