using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Usage;

/// <summary>What validating a batch needs, read once per batch: its accounts, the catalog, their subscriptions and latest invoices.</summary>
internal sealed class UsageReferenceData
{
    private readonly ILookup<(AccountId, ProductId), (DateOnly StartsOn, DateOnly? EndsOn)> _subscriptions;

    private UsageReferenceData(HashSet<AccountId> accounts, Dictionary<string, CatalogProduct> products,
        ILookup<(AccountId, ProductId), (DateOnly, DateOnly?)> subscriptions, Dictionary<AccountId, BillingMonth> latestInvoiced)
    {
        Accounts = accounts;
        Products = products;
        _subscriptions = subscriptions;
        LatestInvoiced = latestInvoiced;
    }

    public HashSet<AccountId> Accounts { get; }

    /// <summary>Products by code.</summary>
    public Dictionary<string, CatalogProduct> Products { get; }

    public Dictionary<AccountId, BillingMonth> LatestInvoiced { get; }

    public bool HasActiveSubscription(AccountId account, ProductId product, DateOnly day) =>
        _subscriptions[(account, product)].Any(s => s.StartsOn <= day && (s.EndsOn is null || day < s.EndsOn));

    public static async Task<UsageReferenceData> LoadAsync(MyAccountDbContext db, IReadOnlyList<UsageEventInput> events, CancellationToken ct)
    {
        var requested = events
            .Select(e => Guid.TryParse(e.AccountId, out var id) ? new AccountId(id) : (AccountId?)null)
            .OfType<AccountId>()
            .Distinct()
            .ToList();
        var accounts = (await db.Accounts.AsNoTracking().Where(a => requested.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        var products = await db.Products.AsNoTracking()
            .Select(p => new CatalogProduct(p.Id, p.Code, p.UsageTypes.Select(t => t.Code).ToHashSet()))
            .ToDictionaryAsync(p => p.Code, ct);
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => requested.Contains(s.AccountId))
            .Select(s => new { s.AccountId, s.ProductId, s.StartsOn, s.EndsOn })
            .ToListAsync(ct);
        var latest = await db.Invoices.AsNoTracking()
            .Where(i => requested.Contains(i.AccountId))
            .GroupBy(i => i.AccountId)
            .Select(g => new { AccountId = g.Key, Index = g.Max(i => i.Year * 12 + i.Month - 1) })
            .ToListAsync(ct);
        return new UsageReferenceData(accounts, products,
            subscriptions.ToLookup(s => (s.AccountId, s.ProductId), s => (s.StartsOn, s.EndsOn)),
            latest.ToDictionary(l => l.AccountId, l => new BillingMonth(l.Index / 12, l.Index % 12 + 1)));
    }
}

/// <summary>A product and its usage type codes.</summary>
internal sealed record CatalogProduct(ProductId Id, string Code, HashSet<string> UsageTypes);
