using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;

namespace MyAccount.Domain.Usage;

/// <summary>
/// What validating a batch needs, read once per batch in one round of five small queries: the batch's accounts, the
/// catalog, those accounts' subscriptions and their latest invoiced month (read by the provider's store).
/// </summary>
internal sealed class UsageReferenceData
{
    private readonly Dictionary<(AccountId, ProductId), List<(DateOnly StartsOn, DateOnly? EndsOn)>> _subscriptions;

    private UsageReferenceData(HashSet<AccountId> accounts, Dictionary<string, CatalogProduct> products,
        Dictionary<(AccountId, ProductId), List<(DateOnly, DateOnly?)>> subscriptions, Dictionary<AccountId, BillingMonth> latestInvoiced)
    {
        Accounts = accounts;
        Products = products;
        _subscriptions = subscriptions;
        LatestInvoiced = latestInvoiced;
    }

    public HashSet<AccountId> Accounts { get; }

    /// <summary>Products by code, ignoring case.</summary>
    public Dictionary<string, CatalogProduct> Products { get; }

    /// <summary>
    /// Per account, the latest month invoiced — or closed for billing (<see cref="Billing.ClosedBillingPeriod"/>), whichever is
    /// later: usage for an earlier month is late.
    /// </summary>
    public Dictionary<AccountId, BillingMonth> LatestInvoiced { get; }

    public bool HasActiveSubscription(AccountId account, ProductId product, DateOnly day)
    {
        if (!_subscriptions.TryGetValue((account, product), out var periods))
        {
            return false;
        }

        foreach (var (startsOn, endsOn) in periods)
        {
            if (startsOn <= day && (endsOn is null || day < endsOn))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the five result sets the stores' reference query returns, in order: account ids; product id, code and usage type
    /// code; subscriptions (account, product, starts on, ends on); latest invoiced month per account (year × 12 + month − 1);
    /// the latest period closed for billing (one row, null when none).
    /// </summary>
    public static async Task<UsageReferenceData> ReadAsync(System.Data.Common.DbDataReader reader, Func<System.Data.Common.DbDataReader, int, DateOnly> date, CancellationToken ct)
    {
        var accounts = new HashSet<AccountId>();
        while (await reader.ReadAsync(ct))
        {
            accounts.Add(new AccountId(reader.GetGuid(0)));
        }

        await reader.NextResultAsync(ct);
        var products = new Dictionary<string, CatalogProduct>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(ct))
        {
            var code = reader.GetString(1);
            if (!products.TryGetValue(code, out var product))
            {
                products[code] = product = new CatalogProduct(new ProductId(reader.GetGuid(0)), code, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            }

            if (!reader.IsDBNull(2))
            {
                product.UsageTypes.Add(reader.GetString(2));
            }
        }

        await reader.NextResultAsync(ct);
        var subscriptions = new Dictionary<(AccountId, ProductId), List<(DateOnly, DateOnly?)>>();
        while (await reader.ReadAsync(ct))
        {
            var key = (new AccountId(reader.GetGuid(0)), new ProductId(reader.GetGuid(1)));
            if (!subscriptions.TryGetValue(key, out var periods))
            {
                subscriptions[key] = periods = [];
            }

            periods.Add((date(reader, 2), reader.IsDBNull(3) ? null : date(reader, 3)));
        }

        await reader.NextResultAsync(ct);
        var latest = new Dictionary<AccountId, BillingMonth>();
        while (await reader.ReadAsync(ct))
        {
            var index = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            latest[new AccountId(reader.GetGuid(0))] = new BillingMonth(index / 12, index % 12 + 1);
        }

        // A period closed for billing counts as invoiced for every account: its run reads the months before it only once.
        await reader.NextResultAsync(ct);
        if (await reader.ReadAsync(ct) && !reader.IsDBNull(0))
        {
            var index = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            var closed = new BillingMonth(index / 12, index % 12 + 1);
            foreach (var account in accounts)
            {
                if (!latest.TryGetValue(account, out var invoiced) || invoiced.CompareTo(closed) < 0)
                {
                    latest[account] = closed;
                }
            }
        }

        return new UsageReferenceData(accounts, products, subscriptions, latest);
    }
}

/// <summary>A product and its usage type codes (looked up ignoring case; the stored spelling is kept).</summary>
internal sealed record CatalogProduct(ProductId Id, string Code, HashSet<string> UsageTypes);
