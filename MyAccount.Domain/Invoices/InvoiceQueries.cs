using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Invoices;

/// <summary>Reading posted invoices. Anyone who may view the account may read its invoices; others get "not found".</summary>
public sealed class InvoiceQueries(IDbContextFactory<MyAccountDbContext> dbFactory, AccessGuard guard, TimeProvider clock)
{
    /// <summary>
    /// The account's next invoice as the billing rules would make it if it were issued now: its month (the month after the latest
    /// invoice, or this month before the first), the day it is issued, and its total with the usage so far and the credit balance
    /// applied. Null when there is nothing to bill (no subscription in that month).
    /// </summary>
    public async Task<NextInvoiceEstimate?> EstimateNextInvoiceAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ViewOrNotFoundAsync(db, actor, accountId, "invoices", ct);
        var reader = new Billing.BillingDataReader(db);
        var latest = await reader.LatestInvoicedPeriodsAsync([accountId], ct);
        var thisMonth = BillingMonth.Of(clock.GetUtcNow().UtcDateTime);
        // The month after the latest invoice (a month that has begun when the scheduler has yet to bill it), or this month before the first.
        var period = latest.TryGetValue(accountId, out var last) ? last.Next : thisMonth;

        var inputs = await reader.ReadInputsAsync(period, [accountId], ct, latest);
        if (!inputs.TryGetValue(accountId, out var input))
        {
            return null;
        }

        var lines = Billing.InvoiceCalculator.Calculate(input);
        if (lines.Count == 0)
        {
            return null;
        }

        var credit = -lines.Where(l => l.Kind == InvoiceLineKind.CreditApplied).Sum(l => l.AmountMinor);
        return new NextInvoiceEstimate(period, period.FirstDay, new Money(lines.Sum(l => l.AmountMinor), input.Currency.Code), new Money(credit, input.Currency.Code));
    }

    /// <summary>The account's credit balance: what is left of its credit invoices, oldest first, for its next invoices.</summary>
    public async Task<CreditBalance> GetCreditBalanceAsync(Actor actor, AccountId accountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ViewOrNotFoundAsync(db, actor, accountId, "billing", ct);
        var currency = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.CurrencyCode).SingleAsync(ct);
        var credits = (await new Billing.BillingDataReader(db).CreditsAsync([accountId], ct)).GetValueOrDefault(accountId) ?? [];
        return new CreditBalance(accountId, currency, credits.Sum(c => c.RemainingMinor), credits);
    }

    /// <summary>The account's invoices, newest first.</summary>
    public async Task<PagedResult<InvoiceSummary>> ListInvoicesAsync(Actor actor, AccountId accountId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ViewOrNotFoundAsync(db, actor, accountId, "invoices", ct);
        var query = db.Invoices.AsNoTracking().Where(i => i.AccountId == accountId);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Month)
            .Skip(page.Skip).Take(page.SafePageSize)
            .Select(i => new { i.Id, i.Number, i.Year, i.Month, i.IssuedOn, i.Status, i.CurrencyCode, i.TotalMinor, i.CreditedDueMinor })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var notes = (await db.CreditNotes.AsNoTracking().Include(c => c.Lines).Where(c => ids.Contains(c.InvoiceId)).OrderBy(c => c.SequenceNumber).ToListAsync(ct))
            .ToLookup(c => c.InvoiceId, CreditNoteService.ToView);
        var items = rows.Select(i => new InvoiceSummary(i.Id, i.Number, new BillingMonth(i.Year, i.Month), i.IssuedOn, i.Status, i.CurrencyCode, i.TotalMinor)
        {
            AmountDueMinor = Invoice.AwaitingPayment.Contains(i.Status) ? i.TotalMinor - i.CreditedDueMinor : 0,
            CreditNotes = notes[i.Id].ToList(),
        }).ToList();
        return new PagedResult<InvoiceSummary>(items, total, page.SafePage, page.SafePageSize);
    }

    public async Task<InvoiceDetail> GetInvoiceAsync(Actor actor, string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await FindAsync(db, actor, number, ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == invoice.AccountId).Select(a => a.Name).SingleAsync(ct);
        var productIds = invoice.Lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { p.Code, p.Name, p.Unit }, ct);

        var sections = invoice.Lines
            .Where(l => l.ProductId is not null)
            .GroupBy(l => l.ProductId!.Value)
            .Select(g => new InvoiceProductSection(g.Key, products[g.Key].Code, products[g.Key].Name, products[g.Key].Unit, g.Sum(l => l.AmountMinor),
                g.OrderBy(l => l.Id).Select(View).ToList()))
            .OrderBy(s => s.ProductName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var previous = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.AccountId == invoice.AccountId && (i.Year * 12 + i.Month) < (invoice.Year * 12 + invoice.Month))
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Month)
            .FirstOrDefaultAsync(ct);
        var compared = InvoiceComparison.Describe(sections, previous, invoice.CurrencyCode);
        var droppedIds = previous?.Lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().Where(p => !productIds.Contains(p)).ToList() ?? [];
        var dropped = await db.Products.AsNoTracking().Where(p => droppedIds.Contains(p.Id)).Select(p => p.Name).ToListAsync(ct);
        return new InvoiceDetail(invoice.Id, invoice.Number, invoice.AccountId, account, invoice.Period, invoice.IssuedOn, invoice.Status,
            invoice.CurrencyCode, invoice.TotalMinor, compared)
        {
            DroppedProducts = dropped,
            PreviousNumber = previous?.Number,
            Adjustments = invoice.Lines.Where(l => l.ProductId is null).OrderBy(l => l.Id).Select(View).ToList(),
            AmountDueMinor = invoice.AmountDueMinor,
            CreditedMinor = invoice.CreditedMinor,
            CreditableMinor = invoice.CreditableMinor,
            CreditNotes = (await db.CreditNotes.AsNoTracking().Include(c => c.Lines).Where(c => c.InvoiceId == invoice.Id).OrderBy(c => c.SequenceNumber).ToListAsync(ct))
                .Select(CreditNoteService.ToView).ToList(),
            PaidAt = invoice.Status == InvoiceStatus.Paid ? invoice.PaidAt : null,
            PaidWith = invoice.Status == InvoiceStatus.Paid ? invoice.PaidWith : null,
            Buyer = invoice.Buyer,
            Tax = invoice.VatCategory is { } category
                ? new InvoiceTaxView(category, invoice.VatRate ?? 0m, invoice.NetMinor, invoice.TaxMinor, invoice.CreditAppliedMinor, invoice.SellerVatId,
                    new Tax.TaxTreatment(category, invoice.VatRate ?? 0m).ExemptionReason)
                : null,
        };
    }

    /// <summary>
    /// Per product, usage type and day, the usage of the month whose overage the invoice bills (the month before it), with the
    /// volume the invoice included for it.
    /// </summary>
    public async Task<InvoiceUsage> GetInvoiceUsageAsync(Actor actor, string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await FindAsync(db, actor, number, ct);
        var month = invoice.Period.Previous;
        var from = month.FirstDay;
        var until = month.EndExclusive;
        var productIds = invoice.Lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToList();
        var rows = await db.UsageDailyTotals.AsNoTracking()
            .Where(u => u.AccountId == invoice.AccountId && productIds.Contains(u.ProductId) && u.Day >= from && u.Day < until)
            .Select(u => new { u.ProductId, u.UsageTypeCode, u.Day, u.Quantity })
            .ToListAsync(ct);
        var products = await db.Products.AsNoTracking().Include(p => p.UsageTypes).Where(p => productIds.Contains(p.Id)).ToListAsync(ct);

        var result = products
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p =>
            {
                var types = p.UsageTypes.Select(t =>
                {
                    var days = rows.Where(r => r.ProductId == p.Id && r.UsageTypeCode == t.Code)
                        .OrderBy(r => r.Day).Select(r => new DailyQuantity(r.Day, r.Quantity)).ToList();
                    return new UsageTypeUsage(t.Code, t.Name, days.Sum(d => d.Quantity), days);
                }).ToList();
                return new ProductUsage(p.Code, p.Name, p.Unit, types.Sum(t => t.Total), types, invoice.IncludedVolumeFor(p.Id, month));
            })
            .ToList();
        return new InvoiceUsage(invoice.Number, month, result);
    }

    private static InvoiceLineView View(InvoiceLine l) =>
        new(l.Kind, l.Description, l.CoversFrom, l.CoversUntil, l.Quantity, l.UnitPrice, l.AmountMinor, l.UsedVolume, l.IncludedVolume)
        {
            Id = l.Id,
            CreditedMinor = l.CreditedMinor,
        };

    private async Task<Invoice> FindAsync(MyAccountDbContext db, Actor actor, string number, CancellationToken ct)
    {
        var normalized = number?.Trim().ToUpperInvariant() ?? "";
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleOrDefaultAsync(i => i.Number == normalized, ct)
                      ?? throw new NotFoundException($"There is no invoice {number}.");
        await ViewOrNotFoundAsync(db, actor, invoice.AccountId, $"invoice {invoice.Number}", ct);
        return invoice;
    }

    /// <summary>Someone outside the account learns nothing, not even that the invoice exists.</summary>
    private async Task ViewOrNotFoundAsync(MyAccountDbContext db, Actor actor, AccountId accountId, string viewed, CancellationToken ct)
    {
        try
        {
            await guard.EnsureCanViewAsync(db, actor, accountId, viewed, ct);
        }
        catch (AccessDeniedException)
        {
            throw new NotFoundException("There is no such invoice or account.");
        }
    }
}
