using Bunit;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Users;
using MyAccount.Web.Components.Shared;

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
    public void Text_from_people_is_shown_as_text_never_as_markup()
    {
        // The read-only cells are written as one markup string per row (HtmlWriter): everything in it must be encoded.
        var cut = Render<MembersTable>(p => p.Add(t => t.Members, [
            Row("\"><img src=x onerror=alert(1)>@acme.com", null, ["<script>alert('p')</script>", "R&D \"Labs\""])]));

        cut.FindAll("img").Should().BeEmpty();
        cut.FindAll("script").Should().BeEmpty();
        cut.Find("[data-testid=member-email]").TextContent.Should().Be("\"><img src=x onerror=alert(1)>@acme.com");
        cut.FindAll(".mud-chip-content").Select(c => c.TextContent).Should().Equal("<script>alert('p')</script>", "R&D \"Labs\"");
    }

    [Fact]
    public void Says_so_when_the_account_has_no_members() =>
        Render<MembersTable>(p => p.Add(t => t.Members, [])).Markup.Should().Contain("This account has no active members.");

    [Fact]
    public void Says_so_when_a_search_matches_nothing() =>
        Render<MembersTable>(p => p.Add(t => t.Members, []).Add(t => t.Searching, true)).Markup.Should().Contain("No members match your search.");

    [Fact]
    public void The_rows_cost_no_component_each_in_the_circuit()
    {
        // Capacity: every open Users tab keeps its components alive, so rows, chips and buttons are markup (README, Capacity).
        int Components(int rows) => Render<MembersTable>(p => p
            .Add(t => t.Members, Enumerable.Range(0, rows).Select(i => Row($"m{i}@acme.com", "+12015550123", ["Geocoding", "Search API"], users: true, payment: true)).ToList())
            .Add(t => t.CanManage, true)).FindComponents<Microsoft.AspNetCore.Components.IComponent>().Count;

        Components(25).Should().Be(Components(1));
    }

    [Fact]
    public void The_pencil_and_the_x_act_on_their_row_and_the_own_row_cannot_be_removed()
    {
        var self = Row("alice@acme.com", null, []);
        var other = Row("bob@acme.com", null, []);
        MemberRow? edited = null, removed = null;
        var cut = Render<MembersTable>(p => p.Add(t => t.Members, [self, other]).Add(t => t.CanManage, true).Add(t => t.CurrentMemberId, self.Id)
            .Add(t => t.OnEdit, r => edited = r).Add(t => t.OnRemove, r => removed = r));

        cut.FindAll("[data-testid=edit-member]")[1].ClickRowAction();
        cut.FindAll("[data-testid=remove-member]")[1].ClickRowAction();

        edited.Should().Be(other);
        removed.Should().Be(other);
        var own = cut.FindAll("[data-testid=remove-member]")[0];
        own.HasAttribute("disabled").Should().BeTrue();
        own.GetAttribute("aria-label").Should().Be("Remove alice@acme.com (you cannot remove yourself)");
        cut.FindAll("[data-testid=edit-member]")[0].GetAttribute("aria-label").Should().Be("Edit alice@acme.com");
    }

    [Fact]
    public async Task A_forged_row_action_does_nothing_your_own_removal_an_unknown_row_or_an_unknown_action()
    {
        // The rowaction event's values come from the browser: the table acts only on rows it lists, never removes you.
        var self = Row("alice@acme.com", null, []);
        var other = Row("bob@acme.com", null, []);
        var calls = new List<string>();
        var cut = Render<MembersTable>(p => p.Add(t => t.Members, [self, other]).Add(t => t.CanManage, true).Add(t => t.CurrentMemberId, self.Id)
            .Add(t => t.OnEdit, r => calls.Add($"edit {r.Email}")).Add(t => t.OnRemove, r => calls.Add($"remove {r.Email}")));
        var body = cut.Find("tbody");

        await body.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "remove", Row = self.Id.Value.ToString() });
        await body.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "remove", Row = Guid.NewGuid().ToString() });
        await body.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "delete-all", Row = other.Id.Value.ToString() });
        await body.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = null, Row = null });
        calls.Should().BeEmpty();

        await body.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "edit", Row = self.Id.Value.ToString() });
        calls.Should().Equal("edit alice@acme.com");
    }

    [Fact]
    public void While_loading_it_says_so_under_a_progress_bar() =>
        Render<MembersTable>(p => p.Add(t => t.Members, null).Add(t => t.Loading, true)).Markup
            .Should().Contain("Loading members").And.Contain("mud-table-loading");
}
