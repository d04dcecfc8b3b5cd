using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Access;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Domain.Support;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Persistence;

/// <summary>
/// What must behave the same on SQLite and on PostgreSQL (the suite runs these on both): money as integer minor units, ids,
/// UTC timestamps to the microsecond, ordering by byte value, and case-insensitive matching of codes, emails and searches.
/// </summary>
public sealed class ProviderBehaviourTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await DomainFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Money_ids_and_timestamps_round_trip_exactly()
    {
        var scenario = new BillingScenario(_fixture);
        await scenario.ProductAsync();
        var account = await scenario.AccountAsync("Round trip", fee: "999999999.99");
        await using var db = _fixture.CreateDbContext();
        var subscription = await db.Subscriptions.SingleAsync(s => s.AccountId == account);
        subscription.Plan.MonthlyFeeMinor.Should().Be(99_999_999_999L);
        var stored = await db.Accounts.SingleAsync(a => a.Id == account);
        stored.Id.Should().Be(account);
        stored.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
        stored.CreatedAt.Should().Be(Domain.Persistence.StoredTime.Of(_fixture.Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task Names_sort_by_byte_value_and_searches_ignore_case()
    {
        var accounts = _fixture.Get<AccountService>();
        foreach (var name in new[] { "beta Ltd", "Alpha GmbH", "Zeta SA", "alpha lower" })
        {
            await accounts.CreateAccountAsync(BillingScenario.Operator, name, "EUR", null);
        }

        await using (var db = _fixture.CreateDbContext())
        {
            (await db.Accounts.OrderBy(a => a.Name).Select(a => a.Name).ToListAsync())
                .Should().Equal("Alpha GmbH", "Zeta SA", "alpha lower", "beta Ltd");
        }

        var support = new SupportAgentActor(new PersonIdentity("vendor", "agent", "Sam Support"));
        var found = await _fixture.Get<SupportConsole>().SearchAsync(support, "ALPHA", new PageRequest(1, 20));
        found.Items.Select(r => r.AccountName).Should().BeEquivalentTo("Alpha GmbH", "alpha lower");
    }

    [Fact]
    public async Task Product_codes_and_member_emails_match_whatever_their_case()
    {
        var scenario = new BillingScenario(_fixture);
        await scenario.ProductAsync("MixedCase");
        var account = await scenario.AccountAsync("Codes", productCode: "MIXEDCASE");
        await using var db = _fixture.CreateDbContext();
        (await db.Subscriptions.CountAsync(s => s.AccountId == account)).Should().Be(1, "the code matched ignoring case");

        var member = await _fixture.Get<MemberProvisioning>().ProvisionMemberAsync(BillingScenario.Operator, account, "Dana.Admin@Example.COM", null,
            MemberPermissions.All, [], new Uri("https://account.example.com/"));
        var support = new SupportAgentActor(new PersonIdentity("vendor", "agent", "Sam Support"));
        var found = await _fixture.Get<SupportConsole>().SearchAsync(support, "dana.ADMIN@example.com", new PageRequest(1, 20));
        found.Items.Should().ContainSingle().Which.AccountId.Should().Be(account);
        member.Email.Should().Be("dana.admin@example.com");
    }
}
