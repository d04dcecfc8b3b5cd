using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Users;

namespace MyAccount.Tests.Components;

/// <summary>The Users page bound to the real member service over SQLite.</summary>
public sealed class UsersPageTests : MudComponentTest
{
    private DomainFixture _domain = null!;
    private TestWorld _world = null!;

    public override async Task InitializeAsync()
    {
        _domain = await DomainFixture.CreateAsync();
        _world = await TestWorld.CreateAsync(_domain);
        Services.AddSingleton(_domain.Get<MemberService>());
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    private IRenderedComponent<UsersPage> RenderFor(Member member) =>
        Render<UsersPage>(p => p.AddCascadingValue(new SignedInPerson(TestWorld.ActorFor(member),
            new AccountChoice(member.AccountId, "Acme Corp", "USD"), [], IsSupportAgent: false)));

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
    public void Shows_the_refusal_instead_of_data_when_the_member_was_removed()
    {
        var cut = RenderFor(_world.AcmeRemoved);
        cut.WaitForAssertion(() => cut.Find("[role=alert]").TextContent.Should().Contain("You are not a member of this account."));
        cut.FindAll("[data-testid=member-email]").Should().BeEmpty();
    }
}
