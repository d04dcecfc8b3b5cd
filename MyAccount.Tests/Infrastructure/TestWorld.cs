using MyAccount.Domain.Access;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Catalog;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Subscriptions;

namespace MyAccount.Tests.Infrastructure;

/// <summary>A small, explicit world for service tests: two accounts, two products, a few members.</summary>
public sealed class TestWorld
{
    public required Account Acme { get; init; }
    public required Account Globex { get; init; }
    public required Product Search { get; init; }
    public required Product Geo { get; init; }
    public required Member AcmeAdmin { get; init; }
    public required Member AcmeReader { get; init; }
    public required Member AcmeRemoved { get; init; }
    public required Member GlobexAdmin { get; init; }

    public static MemberActor ActorFor(Member member) => new(member.Id, member.AccountId, member.Email);

    public static async Task<TestWorld> CreateAsync(DomainFixture fixture)
    {
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var acme = new Account("Acme Corp", Currency.Of("USD"), "America/Chicago", now);
        var globex = new Account("Globex", Currency.Of("EUR"), "Europe/Paris", now);
        var search = new Product("search", "Search API", "requests", [("search", "Search"), ("suggest", "Suggest")]);
        var geo = new Product("geo", "Geocoding", "lookups", [("forward", "Forward")]);
        var acmeAdmin = new Member(acme.Id, "Admin@Acme.com", "+1 312 555 0100", MemberPermissions.All, [search.Id, geo.Id], now);
        var acmeReader = new Member(acme.Id, "reader@acme.com", null, MemberPermissions.None, [search.Id], now);
        var acmeRemoved = new Member(acme.Id, "gone@acme.com", null, MemberPermissions.All, [], now);
        acmeRemoved.Remove(now);
        var globexAdmin = new Member(globex.Id, "admin@globex.com", null, MemberPermissions.All, [geo.Id], now);

        await using var db = fixture.CreateDbContext();
        db.AddRange(acme, globex, search, geo, acmeAdmin, acmeReader, acmeRemoved, globexAdmin);
        db.Subscriptions.Add(new Subscription(acme.Id, search.Id,
            SubscriptionPlan.Create(new Money(500_00, "USD"), 100_000, new UnitOverage(0.002m)), new DateOnly(2026, 1, 1), null, now));
        db.Subscriptions.Add(new Subscription(acme.Id, geo.Id,
            SubscriptionPlan.Create(new Money(99_00, "USD"), 5_000, new PackageOverage(1_000, 20m)), new DateOnly(2025, 6, 1), new DateOnly(2026, 3, 15), now));
        db.Subscriptions.Add(new Subscription(globex.Id, geo.Id,
            SubscriptionPlan.Create(new Money(80_00, "EUR"), 1_000, new UnitOverage(0.01m)), new DateOnly(2026, 2, 1), null, now));
        await db.SaveChangesAsync();

        return new TestWorld
        {
            Acme = acme, Globex = globex, Search = search, Geo = geo,
            AcmeAdmin = acmeAdmin, AcmeReader = acmeReader, AcmeRemoved = acmeRemoved, GlobexAdmin = globexAdmin,
        };
    }
}
