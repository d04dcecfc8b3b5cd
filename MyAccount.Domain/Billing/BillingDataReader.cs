using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Billing;

/// <summary>Reads, in a handful of set-based queries per chunk of accounts, everything the billing rules need.</summary>
internal sealed class BillingDataReader(MyAccountDbContext db)
{
    /// <summary>Each account's latest invoiced month; <paramref name="accounts"/> null: every account.</summary>
    public async Task<Dictionary<AccountId, BillingMonth>> LatestInvoicedPeriodsAsync(IReadOnlyCollection<AccountId>? accounts, CancellationToken ct)
    {
        var invoices = db.Invoices.AsNoTracking();
        if (accounts is not null)
        {
            invoices = invoices.Where(i => accounts.Contains(i.AccountId));
        }

        var rows = await invoices
            .GroupBy(i => i.AccountId)
            .Select(g => new { AccountId = g.Key, Index = g.Max(i => i.Year * 12 + i.Month - 1) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.AccountId, r => new BillingMonth(r.Index / 12, r.Index % 12 + 1));
    }

    /// <summary>The first day of each account's earliest subscription.</summary>
    public async Task<List<(AccountId Account, DateOnly FirstStart)>> FirstSubscriptionStartsAsync(CancellationToken ct)
    {
        var rows = await db.Subscriptions.AsNoTracking().GroupBy(s => s.AccountId)
            .Select(g => new { AccountId = g.Key, Start = g.Min(s => s.StartsOn) })
            .ToListAsync(ct);
        return rows.Select(r => (r.AccountId, r.Start)).ToList();
    }

    public async Task<Dictionary<AccountId, AccountBillingInput>> ReadInputsAsync(BillingMonth period, List<AccountId> accounts, CancellationToken ct)
    {
        var closing = period.Previous;
        var currencies = await db.Accounts.AsNoTracking()
            .Where(a => accounts.Contains(a.Id))
            .Select(a => new { a.Id, a.CurrencyCode })
            .ToDictionaryAsync(a => a.Id, a => Currency.Of(a.CurrencyCode), ct);

        var periodEnd = period.EndExclusive;
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => accounts.Contains(s.AccountId) && s.StartsOn < periodEnd)
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { s.AccountId, Billable = new BillableSubscription(s.Id, s.ProductId, p.Name, p.Unit, s.Plan, s.StartsOn, s.EndsOn) })
            .ToListAsync(ct);
        var subscriptionsByAccount = subscriptions.ToLookup(s => s.AccountId, s => s.Billable);

        var closingIndex = closing.Year * 12 + closing.Month;
        var markers = await db.LateUsageMarkers.AsNoTracking()
            .Where(m => accounts.Contains(m.AccountId) && (m.Year * 12 + m.Month) < closingIndex)
            .ToListAsync(ct);

        var volumes = await VolumesAsync(accounts, closing, ct);
        foreach (var month in markers.Select(m => new BillingMonth(m.Year, m.Month)).Distinct())
        {
            var lateAccounts = markers.Where(m => m.Year == month.Year && m.Month == month.Month).Select(m => m.AccountId).Distinct().ToList();
            foreach (var (key, volume) in await VolumesAsync(lateAccounts, month, ct))
            {
                volumes[key] = volume;
            }
        }

        var billed = await BilledAsync(accounts, ct);
        var markersByAccount = markers.ToLookup(m => m.AccountId, m => (m.ProductId, new BillingMonth(m.Year, m.Month)));

        var inputs = new Dictionary<AccountId, AccountBillingInput>();
        foreach (var account in accounts)
        {
            var own = subscriptionsByAccount[account].ToList();
            if (own.Count == 0)
            {
                continue;
            }

            var ids = own.Select(s => s.Id).ToHashSet();
            inputs[account] = new AccountBillingInput(period, currencies[account], own,
                volumes.Where(v => ids.Contains(v.Key.Item1)).ToDictionary(),
                billed.Where(b => ids.Contains(b.Key.Item1)).ToDictionary(),
                markersByAccount[account].ToHashSet());
        }

        return inputs;
    }

    /// <summary>
    /// Volume per subscription for a month: the daily rollups of the subscription's product on the days it was active,
    /// so usage is attributed to the subscription active at the time.
    /// </summary>
    private async Task<Dictionary<(SubscriptionId, BillingMonth), long>> VolumesAsync(List<AccountId> accounts, BillingMonth month, CancellationToken ct)
    {
        var monthStart = month.FirstDay;
        var monthEnd = month.EndExclusive;
        var rows = await (
                from usage in db.UsageDailyTotals
                join subscription in db.Subscriptions
                    on new { usage.AccountId, usage.ProductId } equals new { subscription.AccountId, subscription.ProductId }
                where accounts.Contains(usage.AccountId)
                      && usage.Day >= monthStart && usage.Day < monthEnd
                      && usage.Day >= subscription.StartsOn && (subscription.EndsOn == null || usage.Day < subscription.EndsOn)
                group usage.Quantity by subscription.Id into g
                select new { SubscriptionId = g.Key, Volume = g.Sum() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.SubscriptionId, month), r => r.Volume);
    }

    /// <summary>Fee and overage already billed per subscription and service month, over all posted invoices of the accounts.</summary>
    private async Task<Dictionary<(SubscriptionId, BillingMonth), BilledAmounts>> BilledAsync(List<AccountId> accounts, CancellationToken ct)
    {
        var rows = await (
                from line in db.InvoiceLines
                join invoice in db.Invoices on line.InvoiceId equals invoice.Id
                where accounts.Contains(invoice.AccountId) && line.SubscriptionId != null
                group line by new { line.SubscriptionId, line.ServiceYear, line.ServiceMonth } into g
                select new
                {
                    g.Key.SubscriptionId,
                    g.Key.ServiceYear,
                    g.Key.ServiceMonth,
                    Fee = g.Sum(l => l.Kind == InvoiceLineKind.SubscriptionFee || l.Kind == InvoiceLineKind.ProrationCharge || l.Kind == InvoiceLineKind.ProrationCredit ? l.AmountMinor : 0),
                    Overage = g.Sum(l => l.Kind == InvoiceLineKind.Overage || l.Kind == InvoiceLineKind.LateUsageAdjustment ? l.AmountMinor : 0),
                    Units = g.Sum(l => l.Kind == InvoiceLineKind.Overage || l.Kind == InvoiceLineKind.LateUsageAdjustment ? l.Quantity ?? 0 : 0),
                })
            .ToListAsync(ct);
        return rows.ToDictionary(
            r => (r.SubscriptionId!.Value, new BillingMonth(r.ServiceYear, r.ServiceMonth)),
            r => new BilledAmounts(r.Fee, r.Overage, r.Units));
    }
}
