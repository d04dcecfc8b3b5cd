using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Billing;

/// <summary>
/// Reads, in a handful of set-based queries, everything the billing rules need: a run's snapshot for many accounts at once,
/// completed per chunk with the late usage ingestion may still add.
/// </summary>
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

    /// <summary>Everything for <paramref name="accounts"/>' invoices for <paramref name="period"/>, read at once.</summary>
    public async Task<Dictionary<AccountId, AccountBillingInput>> ReadInputsAsync(BillingMonth period, List<AccountId> accounts, CancellationToken ct,
        IReadOnlyDictionary<AccountId, BillingMonth>? latest = null)
    {
        latest ??= await LatestInvoicedPeriodsAsync(accounts, ct);
        return await CompleteInputsAsync(await ReadSnapshotAsync(period, accounts, latest, ct), accounts, ct, latest);
    }

    /// <summary>
    /// The part of the accounts' billing inputs that only a billing run changes once the period is closed: currencies,
    /// subscriptions, the closing month's volumes and what earlier invoices billed. <paramref name="accounts"/> null: every
    /// account, read without a filter.
    /// </summary>
    /// <param name="latest">Each account's latest invoiced month as the run read it before the snapshot: an account invoiced since is
    /// read again in full by its chunk.</param>
    public async Task<BillingSnapshot> ReadSnapshotAsync(BillingMonth period, IReadOnlyCollection<AccountId>? accounts,
        IReadOnlyDictionary<AccountId, BillingMonth> latest, CancellationToken ct)
    {
        var accountRows = db.Accounts.AsNoTracking();
        if (accounts is not null)
        {
            accountRows = accountRows.Where(a => accounts.Contains(a.Id));
        }

        var currencies = await accountRows.Select(a => new { a.Id, a.CurrencyCode }).ToDictionaryAsync(a => a.Id, a => Currency.Of(a.CurrencyCode), ct);
        var volumes = await VolumesAsync(accounts, period.Previous, ct);
        var billed = await BilledAsync(accounts, ct);
        return new BillingSnapshot(period, currencies, volumes, billed.ToLookup(b => b.Key.Item1), await CreditsAsync(accounts, ct), latest);
    }

    /// <summary>The accounts' subscriptions that began before the end of <paramref name="period"/>, with their product's name and unit.</summary>
    private async Task<ILookup<AccountId, BillableSubscription>> SubscriptionsAsync(BillingMonth period, List<AccountId> accounts, CancellationToken ct)
    {
        var periodEnd = period.EndExclusive;
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => accounts.Contains(s.AccountId) && s.StartsOn < periodEnd)
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { s.AccountId, Billable = new BillableSubscription(s.Id, s.ProductId, p.Name, p.Unit, s.Plan, s.StartsOn, s.EndsOn) })
            .ToListAsync(ct);
        return subscriptions.ToLookup(s => s.AccountId, s => s.Billable);
    }

    /// <summary>
    /// Each account's credit balance, oldest first: its credit invoices (totals below zero) and its credit notes settled to the
    /// balance, less the credit applied on later invoices, which always uses the oldest credit first — so what is left of each
    /// follows from the two sums.
    /// </summary>
    public async Task<Dictionary<AccountId, List<CreditLeft>>> CreditsAsync(IReadOnlyCollection<AccountId>? accounts, CancellationToken ct)
    {
        var invoices = db.Invoices.AsNoTracking();
        var notes = db.CreditNotes.AsNoTracking().Where(c => c.Settlement == CreditNoteSettlement.Balance);
        if (accounts is not null)
        {
            invoices = invoices.Where(i => accounts.Contains(i.AccountId));
            notes = notes.Where(c => accounts.Contains(c.AccountId));
        }

        // Credit invoices only: negative invoices from before credit balances existed were closed as paid, their credit settled then.
        var credits = (await invoices.Where(i => i.Status == InvoiceStatus.Credit)
                .Select(i => new { i.AccountId, At = i.PostedAt, Kind = 0, i.SequenceNumber, i.Number, Amount = -i.TotalMinor })
                .ToListAsync(ct))
            .Concat(await notes.Select(c => new { c.AccountId, At = c.IssuedAt, Kind = 1, c.SequenceNumber, c.Number, Amount = c.AmountMinor }).ToListAsync(ct))
            .ToList();
        if (credits.Count == 0)
        {
            return [];
        }

        var withCredit = credits.Select(c => c.AccountId).Distinct().ToList();
        var applied = await (
                from line in db.InvoiceLines
                join invoice in db.Invoices on line.InvoiceId equals invoice.Id
                where line.Kind == InvoiceLineKind.CreditApplied && withCredit.Contains(invoice.AccountId)
                group line.AmountMinor by invoice.AccountId into g
                select new { AccountId = g.Key, Applied = -g.Sum() })
            .ToDictionaryAsync(a => a.AccountId, a => a.Applied, ct);

        var result = new Dictionary<AccountId, List<CreditLeft>>();
        foreach (var account in credits.GroupBy(c => c.AccountId))
        {
            var used = applied.GetValueOrDefault(account.Key);
            var left = new List<CreditLeft>();
            // Oldest first; credits made at the same moment: credit invoices before credit notes, each in the order of its sequence.
            foreach (var credit in account.OrderBy(c => c.At).ThenBy(c => c.Kind).ThenBy(c => c.SequenceNumber))
            {
                var take = Math.Min(used, credit.Amount);
                used -= take;
                if (credit.Amount - take > 0)
                {
                    left.Add(new CreditLeft(credit.Number, credit.Amount - take));
                }
            }

            result[account.Key] = left;
        }

        return result;
    }

    /// <summary>
    /// Completes the snapshot for some of its accounts with what can still change while the run bills: the subscriptions
    /// (an operator may add one meanwhile), the months before the closing one that received late usage, and their volumes.
    /// Read in the transaction that posts the invoices and removes those markers, under the billing lock, so late usage is
    /// never dropped between the two. Accounts invoiced since the snapshot was read (another run, an operator's single-account
    /// run) are read again in full: what they were billed has changed.
    /// </summary>
    /// <param name="latest">The accounts' latest invoiced months read under the lock, when the caller has them.</param>
    public async Task<Dictionary<AccountId, AccountBillingInput>> CompleteInputsAsync(BillingSnapshot snapshot, List<AccountId> accounts, CancellationToken ct,
        IReadOnlyDictionary<AccountId, BillingMonth>? latest = null)
    {
        var nowLatest = latest ?? await LatestInvoicedPeriodsAsync(accounts, ct);
        var changed = accounts.Where(a => nowLatest.GetValueOrDefault(a) != snapshot.LatestAtRead.GetValueOrDefault(a)).ToList();
        if (changed.Count > 0)
        {
            var fresh = await ReadSnapshotAsync(snapshot.Period, changed, nowLatest, ct);
            var reread = await CompleteInputsAsync(fresh, changed, ct, nowLatest);
            foreach (var (account, input) in await CompleteInputsAsync(snapshot, accounts.Except(changed).ToList(), ct, nowLatest))
            {
                reread[account] = input;
            }

            return reread;
        }

        var subscriptions = await SubscriptionsAsync(snapshot.Period, accounts, ct);
        var closingIndex = snapshot.Period.Previous.Year * 12 + snapshot.Period.Previous.Month;
        var markers = await db.LateUsageMarkers.AsNoTracking()
            .Where(m => accounts.Contains(m.AccountId) && (m.Year * 12 + m.Month) < closingIndex)
            .ToListAsync(ct);
        var lateVolumes = new Dictionary<(SubscriptionId, BillingMonth), long>();
        foreach (var month in markers.Select(m => new BillingMonth(m.Year, m.Month)).Distinct())
        {
            var lateAccounts = markers.Where(m => m.Year == month.Year && m.Month == month.Month).Select(m => m.AccountId).Distinct().ToList();
            foreach (var (key, volume) in await VolumesAsync(lateAccounts, month, ct))
            {
                lateVolumes[key] = volume;
            }
        }

        var markersByAccount = markers.ToLookup(m => m.AccountId, m => (m.ProductId, new BillingMonth(m.Year, m.Month)));
        // Read in the chunk's transaction: the invoice is addressed (and taxed) as the details stand when it posts.
        var billingDetails = await db.AccountBillingDetails.AsNoTracking().Where(d => accounts.Contains(d.AccountId)).ToDictionaryAsync(d => d.AccountId, ct);
        var inputs = new Dictionary<AccountId, AccountBillingInput>();
        foreach (var account in accounts)
        {
            var own = subscriptions[account].ToList();
            if (own.Count == 0 || !snapshot.Currencies.TryGetValue(account, out var currency))
            {
                continue;
            }

            var volumes = new Dictionary<(SubscriptionId, BillingMonth), long>();
            var billed = new Dictionary<(SubscriptionId, BillingMonth), BilledAmounts>();
            foreach (var subscription in own)
            {
                if (snapshot.ClosingVolumes.TryGetValue((subscription.Id, snapshot.Period.Previous), out var volume))
                {
                    volumes[(subscription.Id, snapshot.Period.Previous)] = volume;
                }

                foreach (var (key, amounts) in snapshot.Billed[subscription.Id])
                {
                    billed[key] = amounts;
                }
            }

            var lateMonths = markersByAccount[account].ToHashSet();
            foreach (var (product, month) in lateMonths)
            {
                foreach (var subscription in own.Where(s => s.ProductId == product))
                {
                    if (lateVolumes.TryGetValue((subscription.Id, month), out var volume))
                    {
                        volumes[(subscription.Id, month)] = volume;
                    }
                }
            }

            inputs[account] = new AccountBillingInput(snapshot.Period, currency, own, volumes, billed, lateMonths)
            {
                Credits = snapshot.Credits.GetValueOrDefault(account) ?? [],
                BillingDetails = billingDetails.GetValueOrDefault(account)?.ToInput(),
            };
        }

        return inputs;
    }

    /// <summary>
    /// Volume per subscription for a month: the daily rollups of the subscription's product on the days it was active,
    /// so usage is attributed to the subscription active at the time.
    /// </summary>
    private async Task<Dictionary<(SubscriptionId, BillingMonth), long>> VolumesAsync(IReadOnlyCollection<AccountId>? accounts, BillingMonth month, CancellationToken ct)
    {
        var monthStart = month.FirstDay;
        var monthEnd = month.EndExclusive;
        var usages = db.UsageDailyTotals.AsNoTracking();
        if (accounts is not null)
        {
            usages = usages.Where(u => accounts.Contains(u.AccountId));
        }

        var rows = await (
                from usage in usages
                join subscription in db.Subscriptions
                    on new { usage.AccountId, usage.ProductId } equals new { subscription.AccountId, subscription.ProductId }
                where usage.Day >= monthStart && usage.Day < monthEnd
                      && usage.Day >= subscription.StartsOn && (subscription.EndsOn == null || usage.Day < subscription.EndsOn)
                group usage.Quantity by subscription.Id into g
                select new { SubscriptionId = g.Key, Volume = g.Sum() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.SubscriptionId, month), r => r.Volume);
    }

    /// <summary>Fee and overage already billed per subscription and service month, over all posted invoices of the accounts.</summary>
    private async Task<Dictionary<(SubscriptionId, BillingMonth), BilledAmounts>> BilledAsync(IReadOnlyCollection<AccountId>? accounts, CancellationToken ct)
    {
        var invoices = db.Invoices.AsNoTracking();
        if (accounts is not null)
        {
            invoices = invoices.Where(i => accounts.Contains(i.AccountId));
        }

        var rows = await (
                from line in db.InvoiceLines
                join invoice in invoices on line.InvoiceId equals invoice.Id
                where line.SubscriptionId != null
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

/// <summary>The part of many accounts' billing inputs read once per run (see <see cref="BillingDataReader.ReadSnapshotAsync"/>).</summary>
internal sealed record BillingSnapshot(
    BillingMonth Period,
    Dictionary<AccountId, Currency> Currencies,
    Dictionary<(SubscriptionId, BillingMonth), long> ClosingVolumes,
    ILookup<SubscriptionId, KeyValuePair<(SubscriptionId, BillingMonth), BilledAmounts>> Billed,
    Dictionary<AccountId, List<CreditLeft>> Credits,
    IReadOnlyDictionary<AccountId, BillingMonth> LatestAtRead);
