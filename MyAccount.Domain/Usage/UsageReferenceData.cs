using Microsoft.Data.Sqlite;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;

namespace MyAccount.Domain.Usage;

/// <summary>
/// What validating a batch needs, read once per batch in one round of four small queries: the batch's accounts, the
/// catalog, those accounts' subscriptions and their latest invoiced month.
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

    /// <summary>Reads in the connection's current transaction, so validation and the writes that follow see the same data.</summary>
    public static async Task<UsageReferenceData> LoadAsync(SqliteConnection connection, IReadOnlyList<UsageEventInput> events, CancellationToken ct)
    {
        var requested = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (Guid.TryParse(e.AccountId, out var id))
            {
                requested.Add(id);
            }
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT Id FROM Accounts WHERE Id IN (SELECT value FROM json_each($accounts));
            SELECT p.Id, p.Code, t.Code FROM Products p LEFT JOIN UsageTypes t ON t.ProductId = p.Id;
            SELECT AccountId, ProductId, StartsOn, EndsOn FROM Subscriptions WHERE AccountId IN (SELECT value FROM json_each($accounts));
            SELECT AccountId, MAX(Year * 12 + Month - 1) FROM Invoices WHERE AccountId IN (SELECT value FROM json_each($accounts)) GROUP BY AccountId;
            """;
        command.Parameters.AddWithValue("$accounts", SqliteFormats.GuidList(requested));
        await using var reader = await command.ExecuteReaderAsync(ct);

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

            periods.Add((SqliteFormats.ParseDate(reader.GetString(2)), reader.IsDBNull(3) ? null : SqliteFormats.ParseDate(reader.GetString(3))));
        }

        await reader.NextResultAsync(ct);
        var latest = new Dictionary<AccountId, BillingMonth>();
        while (await reader.ReadAsync(ct))
        {
            var index = reader.GetInt32(1);
            latest[new AccountId(reader.GetGuid(0))] = new BillingMonth(index / 12, index % 12 + 1);
        }

        return new UsageReferenceData(accounts, products, subscriptions, latest);
    }
}

/// <summary>A product and its usage type codes (looked up ignoring case; the stored spelling is kept).</summary>
internal sealed record CatalogProduct(ProductId Id, string Code, HashSet<string> UsageTypes);
