using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Catalog;

/// <summary>The vendor's product catalog, maintained by billing operators.</summary>
public sealed class ProductService(IDbContextFactory<MyAccountDbContext> dbFactory)
{
    public async Task<Product> CreateProductAsync(Actor actor, string code, string name, string unit, IReadOnlyList<string> usageTypes, CancellationToken ct = default)
    {
        AccessGuard.EnsureOperator(actor);
        var product = new Product(code, name, unit, usageTypes.Select(t => (t, t)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Products.AnyAsync(p => p.Code == product.Code, ct))
        {
            throw new ConcurrencyConflictException($"A product with the code '{product.Code}' already exists.");
        }

        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return product;
    }
}
