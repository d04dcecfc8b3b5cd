using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Members;

public sealed class MemberListingTests : WorldTest
{

    protected override async Task SetUpAsync()
    {
        await using var db = Fixture.CreateDbContext();
        for (var i = 0; i < 60; i++)
        {
            db.Members.Add(new Member(World.Acme.Id, $"user{i:D3}@acme.com", i % 10 == 0 ? $"+1 312 555 01{i:D2}" : null,
                MemberPermissions.None, [World.Search.Id], Fixture.Clock.GetUtcNow().UtcDateTime));
        }

        await db.SaveChangesAsync();
    }

    private Task<PagedResult<MemberRow>> List(string? search, int page, int size = 25) =>
        Fixture.Get<MemberService>().ListMembersAsync(TestWorld.ActorFor(World.AcmeAdmin), World.Acme.Id, search, new PageRequest(page, size));

    [Fact]
    public async Task Members_are_paged_by_email()
    {
        var first = await List(null, 1);
        var third = await List(null, 3);

        first.TotalCount.Should().Be(62);
        first.PageCount.Should().Be(3);
        first.Items.Should().HaveCount(25).And.BeInAscendingOrder(m => m.Email, StringComparer.Ordinal);
        third.Items.Should().HaveCount(12);
        third.Items.Last().Email.Should().Be("user059@acme.com");
    }

    [Fact]
    public async Task Search_matches_part_of_the_email_case_insensitively()
    {
        var result = await List("USER05", 1);
        result.Items.Select(m => m.Email).Should().Equal(Enumerable.Range(50, 10).Select(i => $"user{i:D3}@acme.com"));
    }

    [Fact]
    public async Task Search_matches_phone_digits_however_they_are_typed()
    {
        var result = await List("(312) 555-0130", 1);
        result.Items.Should().ContainSingle().Which.Email.Should().Be("user030@acme.com");
        result.Items[0].PhoneDisplay.Should().Be("+1 312-555-0130");
    }

    [Fact]
    public async Task A_search_that_matches_nothing_returns_an_empty_page()
    {
        var result = await List("nobody-here", 1);
        result.Items.Should().BeEmpty();
        result.TotalCount.Should().Be(0);
        result.PageCount.Should().Be(1);
    }

    [Fact]
    public async Task Page_size_is_bounded() => (await List(null, 1, 10_000)).Items.Should().HaveCount(62);
}
