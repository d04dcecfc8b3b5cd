using MyAccount.Domain.Common;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Subscriptions;

public sealed class SubscriptionListingTests : WorldTest
{

    [Fact]
    public async Task Current_subscriptions_come_first_with_their_terms_in_the_accounts_currency()
    {
        var rows = await Fixture.Get<SubscriptionService>().ListSubscriptionsAsync(TestWorld.ActorFor(World.AcmeReader), World.Acme.Id);

        rows.Should().HaveCount(2);
        rows[0].Should().BeEquivalentTo(new
        {
            ProductName = "Search API",
            MonthlyFee = new Money(500_00, "USD"),
            IncludedVolume = 100_000L,
            OverageDescription = "USD 0.002 per request",
            StartsOn = new DateOnly(2026, 1, 1),
            EndsOn = (DateOnly?)null,
            IsCurrent = true,
        });
        rows[1].Should().BeEquivalentTo(new { ProductName = "Geocoding", IsCurrent = false, EndsOn = (DateOnly?)new DateOnly(2026, 3, 15) });
    }

    [Fact]
    public async Task A_subscription_is_previous_from_its_exclusive_end_date()
    {
        await using var fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 3, 14, 23, 0, 0, TimeSpan.Zero));
        var world = await TestWorld.CreateAsync(fixture);
        var service = fixture.Get<SubscriptionService>();

        var before = await service.ListSubscriptionsAsync(TestWorld.ActorFor(world.AcmeAdmin), world.Acme.Id);
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero));
        var after = await service.ListSubscriptionsAsync(TestWorld.ActorFor(world.AcmeAdmin), world.Acme.Id);

        before.Single(r => r.ProductName == "Geocoding").IsCurrent.Should().BeTrue();
        after.Single(r => r.ProductName == "Geocoding").IsCurrent.Should().BeFalse();
    }
}
