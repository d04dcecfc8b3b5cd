using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Invoices;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Demo;

public sealed class DemoDataTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync();
        (await _fixture.Get<DemoDataSeeder>().SeedAsync()).Should().BeTrue();
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        (await _fixture.Get<DemoDataSeeder>().SeedAsync()).Should().BeFalse();
        await using var db = _fixture.CreateDbContext();
        (await db.Accounts.CountAsync()).Should().Be(3);
        (await db.Members.CountAsync()).Should().Be(12);
    }

    [Fact]
    public async Task There_are_four_products_with_two_or_three_usage_types_and_current_and_ended_subscriptions()
    {
        await using var db = _fixture.CreateDbContext();
        var products = await db.Products.Include(p => p.UsageTypes).ToListAsync();
        products.Should().HaveCount(4).And.OnlyContain(p => p.UsageTypes.Count >= 2 && p.UsageTypes.Count <= 3);
        var today = DateOnly.FromDateTime(_fixture.Clock.GetUtcNow().UtcDateTime);
        var subscriptions = await db.Subscriptions.ToListAsync();
        subscriptions.Should().Contain(s => s.IsCurrent(today)).And.Contain(s => !s.IsCurrent(today));
    }

    [Fact]
    public async Task Eighteen_months_of_daily_usage_with_some_months_over_the_included_volume()
    {
        await using var db = _fixture.CreateDbContext();
        var usage = await db.UsageEvents.Select(u => new { u.AccountId, u.ProductId, u.OccurredAt, u.Quantity }).ToListAsync();
        var subscriptions = await db.Subscriptions.ToListAsync();

        var months = usage.Select(u => BillingMonth.Of(u.OccurredAt)).Distinct().ToList();
        months.Should().HaveCount(18);
        usage.Max(u => u.OccurredAt).Should().BeBefore(_fixture.Clock.GetUtcNow().UtcDateTime);

        var monthly = usage
            .GroupBy(u => (u.AccountId, u.ProductId, Month: BillingMonth.Of(u.OccurredAt)))
            .Select(g => (g.Key, Volume: g.Sum(u => u.Quantity)))
            .Where(m => m.Key.Month.CompareTo(BillingMonth.Of(_fixture.Clock.GetUtcNow().UtcDateTime)) < 0)
            .ToList();
        var over = monthly.Count(m => subscriptions.Any(s => s.AccountId == m.Key.AccountId && s.ProductId == m.Key.ProductId
                                                              && s.IsActiveOn(m.Key.Month.FirstDay) && s.IsActiveOn(m.Key.Month.EndExclusive.AddDays(-1))
                                                              && m.Volume > s.Plan.IncludedVolume));
        over.Should().BeGreaterThan(5, "the billing work needs months with overage to show");
        monthly.Count.Should().BeGreaterThan(over * 2, "most months stay within the included volume");
    }

    [Fact]
    public async Task Each_persona_resolves_to_its_own_account()
    {
        var directory = _fixture.Get<AccountDirectory>();
        var admin = await directory.ResolveAsync(DemoPersonas.Admin.Identity, false, null);
        var member = await directory.ResolveAsync(DemoPersonas.Member.Identity, false, null);
        var support = await directory.ResolveAsync(DemoPersonas.Support.Identity, true, null);

        admin.Accounts.Select(a => a.Name).Should().Equal("Contoso Ltd", "Fabrikam GmbH");
        admin.CurrentAccount!.Name.Should().Be("Contoso Ltd");
        member.CurrentAccount!.Name.Should().Be("Northwind Traders");
        support.IsSupportAgent.Should().BeTrue();
        support.Accounts.Should().HaveCount(3);

        var switched = await directory.ResolveAsync(DemoPersonas.Admin.Identity, false, admin.Accounts[1].Id);
        switched.CurrentAccount!.Name.Should().Be("Fabrikam GmbH");
    }

    [Fact]
    public async Task A_person_cannot_select_an_account_they_do_not_belong_to()
    {
        var directory = _fixture.Get<AccountDirectory>();
        var northwind = (await directory.ResolveAsync(DemoPersonas.Member.Identity, false, null)).CurrentAccountId;
        var admin = await directory.ResolveAsync(DemoPersonas.Admin.Identity, false, northwind);
        admin.CurrentAccount!.Name.Should().Be("Contoso Ltd");
    }

    [Fact]
    public async Task An_unknown_identity_has_no_account()
    {
        var nobody = await _fixture.Get<AccountDirectory>().ResolveAsync(new("t", "unknown", "Nobody"), false, null);
        nobody.HasAccount.Should().BeFalse();
        nobody.Actor.Should().BeNull();
    }
}
