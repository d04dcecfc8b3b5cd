using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Users;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Components;

/// <summary>The invite dialog, opened from the Users page over the real member services and SQLite.</summary>
public sealed class InviteDialogTests : MudComponentTest
{
    private DomainFixture _domain = null!;
    private TestWorld _world = null!;

    protected override async Task SetUpAsync()
    {
        _domain = await DomainFixture.CreateAsync();
        _world = await TestWorld.CreateAsync(_domain);
        var notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance);
        Services.AddSingleton(_domain.Get<MemberService>());
        Services.AddSingleton(new MemberManagement(_domain.Get<IDbContextFactory<Domain.Persistence.MyAccountDbContext>>(),
            _domain.Get<Domain.Access.AccessGuard>(), _domain.Clock, _domain.Get<InvitationMailer>(), notifier));
        Services.AddSingleton(notifier);
        Services.AddSingleton(new MyAccount.Web.Hardening.PublicLinks("https://account.test/", development: false));
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    private IRenderedComponent<ContainerFragment> OpenInviteDialog()
    {
        var admin = _world.AcmeAdmin;
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<SignedInPerson>>(2);
            builder.AddAttribute(3, "Value", new SignedInPerson(TestWorld.ActorFor(admin), new AccountChoice(admin.AccountId, "Acme Corp", "USD"), [],
                IsSupportAgent: false, admin.Permissions));
            builder.AddAttribute(4, "ChildContent", (RenderFragment)(b =>
            {
                b.OpenComponent<UsersPage>(5);
                b.CloseComponent();
            }));
            builder.CloseComponent();
        });
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invite]").Should().ContainSingle());
        cut.Find("[data-testid=invite]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=send-invitation]").Should().ContainSingle());
        return cut;
    }

    /// <summary>The error texts MudBlazor shows under fields.</summary>
    private const string ErrorTexts = ".mud-input-helper-text.mud-input-error";

    private async Task<int> InvitationCountAsync()
    {
        await using var db = _domain.CreateDbContext();
        return await db.Invitations.CountAsync();
    }

    [Fact]
    public void Opening_focuses_the_email_field_not_the_dialog_and_shows_no_error_even_when_focus_moves_away()
    {
        var cut = OpenInviteDialog();
        var email = cut.Find("input[type=email]");

        cut.WaitForAssertion(() => JSInterop.Invocations.Where(i => i.Identifier == "Blazor._internal.domWrapper.focus")
            .Should().ContainSingle("only the email field takes focus, not the dialog")
            .Which.Arguments[0].Should().BeOfType<ElementReference>().Which.Id.Should().Be(email.GetAttribute("blazor:elementreference")));
        email.GetAttribute("aria-required").Should().Be("true");

        // The dialog used to pull focus off the field right after opening: the blur of an untouched field is no error.
        email.Blur();
        cut.FindAll(ErrorTexts).Should().BeEmpty();
        cut.Find("input[type=email]").GetAttribute("aria-invalid").Should().Be("false");
        cut.Markup.Should().NotContain("Required").And.NotContain("is required");
    }

    [Fact]
    public void Enter_in_the_email_field_sends_the_invitation()
    {
        var cut = OpenInviteDialog();

        cut.Find("input[type=email]").Input("nia@acme.com");
        cut.Find("input[type=email]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invitation-email]").Select(e => e.TextContent).Should().Equal("nia@acme.com"));
        cut.WaitForAssertion(() => _domain.SentEmails.Should().ContainSingle());
    }

    [Fact]
    public void Enter_in_the_phone_field_checks_every_field_and_sends_nothing_while_one_is_wrong()
    {
        var cut = OpenInviteDialog();

        cut.Find("input[type=tel]").Input("+1 312 555 0199");
        cut.Find("input[type=tel]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("An email address is required."));
        cut.FindAll("[data-testid=send-invitation]").Should().ContainSingle("the dialog stays open");
        _domain.SentEmails.Should().BeEmpty();
    }

    [Fact]
    public async Task A_bad_email_and_a_bad_phone_are_both_shown_at_once_and_nothing_is_saved()
    {
        var cut = OpenInviteDialog();

        cut.Find("input[type=email]").Input("not-an-email");
        cut.Find("input[type=tel]").Input("555-abc");
        cut.Find("[data-testid=send-invitation]").Click();

        cut.WaitForAssertion(() => cut.FindAll(ErrorTexts).Select(e => e.TextContent.Trim()).Should().BeEquivalentTo(
            "'not-an-email' is not a valid email address.", "'555-abc' is not a valid phone number."));
        cut.FindAll("input[aria-invalid=true]").Should().HaveCount(2);
        (await InvitationCountAsync()).Should().Be(0);
        _domain.SentEmails.Should().BeEmpty();
    }

    [Fact]
    public async Task Leaving_a_field_checks_it_and_fixing_it_clears_the_error()
    {
        var cut = OpenInviteDialog();
        var email = cut.Find("input[type=email]");

        email.Input("nia@");
        cut.FindAll(ErrorTexts).Should().BeEmpty("nothing is checked while typing");
        email.Blur();
        cut.WaitForAssertion(() => cut.Find(ErrorTexts).TextContent.Trim().Should().Be("'nia@' is not a valid email address."));

        cut.Find("input[type=email]").Input("nia@acme.com");
        cut.WaitForAssertion(() => cut.FindAll(ErrorTexts).Should().BeEmpty());
        (await InvitationCountAsync()).Should().Be(0, "leaving a field never sends");
    }
}
