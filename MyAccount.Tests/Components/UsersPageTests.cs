using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Members;
using MyAccount.Domain.Notifications;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Users;
using MyAccount.Web.Live;
using MyAccount.Web.Components.Shared;
using Bunit.Rendering;
using MyAccount.Domain.Access;
using MyAccount.Web.Components.Layout;

namespace MyAccount.Tests.Components;

/// <summary>The Users page bound to the real member services over SQLite.</summary>
public sealed class UsersPageTests : MudComponentTest
{
    private DomainFixture _domain = null!;
    private TestWorld _world = null!;
    private AccountEventNotifier _notifier = null!;

    protected override async Task SetUpAsync()
    {
        _domain = await DomainFixture.CreateAsync();
        _world = await TestWorld.CreateAsync(_domain);
        _notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance);
        Services.AddSingleton(_domain.Get<MemberService>());
        Services.AddSingleton(new MemberManagement(_domain.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Persistence.MyAccountDbContext>>(),
            _domain.Get<Domain.Access.AccessGuard>(), _domain.Clock, _domain.Get<InvitationMailer>(), _notifier));
        Services.AddSingleton(_notifier);
        Services.AddSingleton(new MyAccount.Web.Hardening.PublicLinks("https://account.test/", development: false));
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    private IRenderedComponent<ContainerFragment> RenderFor(Member member) =>
        RenderFor(new SignedInPerson(TestWorld.ActorFor(member), new AccountChoice(member.AccountId, "Acme Corp", "USD"), [], IsSupportAgent: false, member.Permissions));

    /// <summary>The Users page inside the layout's interactivity gate, as MainLayout renders it.</summary>
    private IRenderedComponent<ContainerFragment> RenderFor(SignedInPerson person) =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<SignedInPerson>>(2);
            builder.AddAttribute(3, "Value", person);
            builder.AddAttribute(4, "ChildContent", (RenderFragment)(b =>
            {
                b.OpenComponent<InteractivityGate>(5);
                b.AddAttribute(6, "ChildContent", (RenderFragment)(page =>
                {
                    page.OpenComponent<UsersPage>(7);
                    page.CloseComponent();
                }));
                b.CloseComponent();
            }));
            builder.CloseComponent();
        });

    [Fact]
    public void Lists_the_accounts_active_members_and_counts_them()
    {
        var cut = RenderFor(_world.AcmeReader);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=member-email]").Select(e => e.TextContent)
            .Should().Equal("admin@acme.com", "reader@acme.com"));
        cut.Find("[data-testid=member-count]").TextContent.Should().Be("2 members");
        cut.Markup.Should().NotContain("gone@acme.com").And.NotContain("globex");
    }

    [Fact]
    public void The_search_lists_what_matches_when_typing_pauses_and_says_when_nothing_does()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=member-email]").Should().HaveCount(2));
        string[] Emails() => cut.FindAll("[data-testid=member-email]").Select(e => e.TextContent).ToArray();
        // The browser times the pause (MyAccount.Web.lib.module.js) and reports it with the field's value, as this does.
        void Pause(string value) => cut.Find("[data-testid=member-search]").TriggerEvent("onsearchpause", new SearchPauseEventArgs { Value = value });

        cut.Find("[data-testid=member-search]").GetAttribute("data-search-pause").Should().Be("300");
        Pause("  reader ");
        cut.WaitForAssertion(() => Emails().Should().Equal("reader@acme.com"));
        cut.Find("[data-testid=member-count]").TextContent.Should().Be("1 member");

        Pause("nobody-like-this");
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("No members match your search."));
        Emails().Should().BeEmpty();

        Pause("");
        cut.WaitForAssertion(() => Emails().Should().Equal("admin@acme.com", "reader@acme.com"));
    }

    [Fact]
    public void A_member_without_the_permission_sees_no_invite_edit_or_remove()
    {
        var cut = RenderFor(_world.AcmeReader);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=member-email]").Should().HaveCount(2));
        cut.FindAll("[data-testid=invite]").Should().BeEmpty();
        cut.FindAll("[data-testid=edit-member]").Should().BeEmpty();
        cut.FindAll("[data-testid=remove-member]").Should().BeEmpty();
    }

    [Fact]
    public void An_admin_gets_an_invite_button_and_named_pencil_and_x_per_row()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=edit-member]").Should().HaveCount(2));
        cut.FindAll("[data-testid=invite]").Should().ContainSingle();
        cut.FindAll("[data-testid=edit-member]").Select(b => b.GetAttribute("aria-label")).Should().Equal("Edit admin@acme.com", "Edit reader@acme.com");
        cut.FindAll("[data-testid=remove-member]").Select(b => b.GetAttribute("aria-label"))
            .Should().Equal("Remove admin@acme.com (you cannot remove yourself)", "Remove reader@acme.com");
        cut.FindAll("[data-testid=remove-member]")[0].HasAttribute("disabled").Should().BeTrue("nobody removes themselves");
        cut.FindAll("[data-testid=remove-member]")[1].HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Removing_asks_first_with_cancel_focused_and_a_red_remove_and_cancel_keeps_the_member()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=remove-member]").Should().HaveCount(2));
        cut.FindAll("[data-testid=remove-member]")[1].ClickRowAction();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Remove reader@acme.com from Acme Corp? They lose access to the account at once."));
        cut.Find("[data-testid=confirm-cancel]").HasAttribute("autofocus").Should().BeTrue("Enter must not remove");
        cut.Find("[data-testid=confirm-remove]").ClassList.Should().Contain("mud-button-filled-error");
        cut.Find("[data-testid=confirm-cancel]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=confirm-remove]").Should().BeEmpty());
        cut.FindAll("[data-testid=member-email]").Select(e => e.TextContent).Should().Contain("reader@acme.com");

        cut.FindAll("[data-testid=remove-member]")[1].ClickRowAction();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=confirm-remove]").Should().ContainSingle());
        cut.Find("[data-testid=confirm-remove]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=member-email]").Select(e => e.TextContent).Should().Equal("admin@acme.com"));
    }

    [Fact]
    public void The_invite_dialog_shows_a_bad_email_beside_the_field_and_invites_nothing()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invite]").Should().ContainSingle());
        cut.Find("[data-testid=invite] ").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=send-invitation]").Should().ContainSingle());

        cut.Find("input[type=email]").Input("not-an-email");
        cut.Find("[data-testid=send-invitation]").Click();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("not-an-email").And.Contain("is not a valid email address."));
        _domain.SentEmails.Should().BeEmpty();
    }

    [Fact]
    public void Inviting_from_the_dialog_lists_the_pending_invitation()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invite]").Should().ContainSingle());
        cut.Find("[data-testid=invite]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=send-invitation]").Should().ContainSingle());

        cut.Find("input[type=email]").Input("nia@acme.com");
        cut.Find("[data-testid=send-invitation]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invitation-email]").Select(e => e.TextContent).Should().Equal("nia@acme.com"));
        cut.WaitForAssertion(() => _domain.SentEmails.Should().ContainSingle());
    }

    [Fact]
    public void The_edit_dialog_summarises_the_effect_on_the_account()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=edit-member]").Should().HaveCount(2));
        cut.FindAll("[data-testid=edit-member]")[1].ClickRowAction();

        cut.WaitForAssertion(() => cut.Find("[data-testid=permission-summary]").TextContent
            .Should().Be("After this change: 1 of 2 members can manage users; 1 of 2 members can edit payment information."));
        cut.FindAll("input[type=checkbox]").Last().Change(true); // the second switch: may edit payment information
        cut.WaitForAssertion(() => cut.Find("[data-testid=permission-summary]").TextContent
            .Should().Be("After this change: 1 of 2 members can manage users; 2 of 2 members can edit payment information."));
    }

    [Fact]
    public void The_edit_dialog_puts_focus_on_its_first_field_not_on_the_dialog()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=edit-member]").Should().HaveCount(2));
        cut.FindAll("[data-testid=edit-member]")[1].ClickRowAction();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=save-member]").Should().ContainSingle());

        // MudBlazor's focus trap moves focus to its first focusable child (the first product checkbox) instead of the dialog element.
        cut.WaitForAssertion(() => JSInterop.Invocations.Select(i => i.Identifier).Should().Contain("mudElementRef.focusFirst"));
        JSInterop.Invocations.Select(i => i.Identifier).Should().NotContain("Blazor._internal.domWrapper.focus", "the dialog element itself takes no focus");
    }

    [Fact]
    public async Task A_change_by_another_admin_shows_up_live()
    {
        var cut = RenderFor(_world.AcmeReader);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=member-email]").Should().HaveCount(2));

        await _domain.Get<MemberManagement>().InviteAsync(TestWorld.ActorFor(_world.AcmeAdmin), _world.Acme.Id,
            new MemberAccessInput("live@acme.com", null, [], MemberPermissions.None), new Uri("https://portal.example.com/"));
        await _notifier.PublishAsync(new MembersChanged(_world.Acme.Id));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invitation-email]").Select(e => e.TextContent).Should().Equal("live@acme.com"));
    }

    [Fact]
    public void A_member_without_the_permission_is_told_which_admins_can_manage_users()
    {
        var cut = RenderFor(_world.AcmeReader);

        cut.WaitForAssertion(() => cut.Find("[data-testid=restricted-note]").TextContent.Trim()
            .Should().Be("Ask an admin who can manage users: admin@acme.com."));
        cut.Markup.Should().NotContain("gone@acme.com", "a removed member cannot help");
    }

    [Fact]
    public void A_member_who_manages_users_gets_no_explanation()
    {
        var cut = RenderFor(_world.AcmeAdmin);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invite]").Should().ContainSingle());
        cut.FindAll("[data-testid=restricted-note]").Should().BeEmpty();
    }

    [Fact]
    public void A_support_agent_is_told_the_view_is_read_only_instead_of_whom_to_ask()
    {
        var cut = RenderFor(new SignedInPerson(new SupportAgentActor(new PersonIdentity("v", "s", "Sam")), new AccountChoice(_world.Acme.Id, "Acme Corp", "USD"), [],
            IsSupportAgent: true, MemberPermissions.All));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=member-email]").Should().HaveCount(2));
        cut.Find("[data-testid=restricted-note]").TextContent.Trim().Should().Be("Read-only: support agents cannot manage users.");
        cut.FindAll("[data-testid=restricted-admins]").Should().BeEmpty();
    }

    [Fact]
    public void Before_the_circuit_is_interactive_the_actions_are_disabled_and_a_bar_says_it_is_connecting()
    {
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var cut = RenderFor(_world.AcmeAdmin);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=edit-member]").Should().HaveCount(2));
        cut.Find("[data-testid=invite]").HasAttribute("disabled").Should().BeTrue();
        cut.FindAll("[data-testid=edit-member]").Should().OnlyContain(b => b.HasAttribute("disabled"));
        cut.FindAll("[data-testid=remove-member]").Should().OnlyContain(b => b.HasAttribute("disabled"));
        cut.Find("input").HasAttribute("disabled").Should().BeTrue("typing into the search before the circuit is live would be lost too");
        cut.FindAll("[data-testid=connecting-bar]").Should().ContainSingle();
    }

    [Fact]
    public void Once_the_circuit_is_interactive_the_actions_are_enabled_and_the_bar_is_gone()
    {
        var cut = RenderFor(_world.AcmeAdmin);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=edit-member]").Should().HaveCount(2));
        cut.Find("[data-testid=invite]").HasAttribute("disabled").Should().BeFalse();
        cut.FindAll("[data-testid=edit-member]").Should().OnlyContain(b => !b.HasAttribute("disabled"));
        cut.Find("input").HasAttribute("disabled").Should().BeFalse();
        cut.FindAll("[data-testid=connecting-bar]").Should().BeEmpty();
    }
}
