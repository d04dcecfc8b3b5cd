using Bunit;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Users;

namespace MyAccount.Tests.Components;

public sealed class MembersTableTests : MudComponentTest
{
    private static MemberRow Row(string email, string? phone, string[] products, bool users = false, bool payment = false) =>
        new(MemberId.New(), email, phone, products, users, payment, 1);

    [Fact]
    public void Lists_each_members_email_phone_products_and_permissions()
    {
        var cut = Render<MembersTable>(p => p.Add(t => t.Members, [
            Row("alice@acme.com", "+12015550123", ["Geocoding", "Search API"], users: true, payment: true),
            Row("bob@acme.com", null, [])]));

        var rows = cut.FindAll("tbody tr");
        rows.Should().HaveCount(2);
        rows[0].TextContent.Should().Contain("alice@acme.com").And.Contain("+1 201-555-0123")
            .And.Contain("Geocoding").And.Contain("Search API").And.Contain("Manage users").And.Contain("Edit payment");
        rows[1].TextContent.Should().Contain("bob@acme.com").And.Contain("No products").And.Contain("Member")
            .And.NotContain("Manage users").And.NotContain("Edit payment");
        cut.FindAll("[data-testid=member-email]").Select(e => e.TextContent).Should().Equal("alice@acme.com", "bob@acme.com");
    }

    [Fact]
    public void Says_so_when_the_account_has_no_members() =>
        Render<MembersTable>(p => p.Add(t => t.Members, [])).Markup.Should().Contain("This account has no active members.");

    [Fact]
    public void Says_so_when_a_search_matches_nothing() =>
        Render<MembersTable>(p => p.Add(t => t.Members, []).Add(t => t.Searching, true)).Markup.Should().Contain("No members match your search.");
}
