using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Web;

/// <summary>Through the running app with a real SMTP server: invite → the email arrives → accept → the new member appears.</summary>
public sealed class InvitationJourneyTests : IDisposable
{
    private readonly SmtpServerFixture _smtp = new();

    public void Dispose() => _smtp.Dispose();

    [Fact]
    public async Task An_invited_person_follows_the_link_signs_in_accepts_and_appears_in_the_list()
    {
        await using var app = new MyAccountAppFactory
        {
            Settings = new() { ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        var admin = await app.SignInAsync("admin");
        _ = await admin.GetStringAsync("/account/users"); // the app is up with its demo data

        var directory = app.Services.GetRequiredService<AccountDirectory>();
        var alice = await directory.ResolveAsync(DemoPersonas.Admin.Identity, false, null);
        var sent = await app.Services.GetRequiredService<MemberManagement>().InviteAsync(alice.Actor!, alice.CurrentAccountId,
            new MemberAccessInput("gil@contoso.com", null, [], new MemberPermissions(false, false)), new Uri("http://localhost/"));
        sent.EmailSent.Should().BeTrue();

        var email = _smtp.Messages.Should().ContainSingle().Subject;
        email.To.ToString().Should().Be("gil@contoso.com");
        var link = Regex.Match(email.TextBody!, @"http://localhost/(invitations/accept\?token=[A-Za-z0-9_\-]+)").Groups[1].Value;
        link.Should().NotBeEmpty();

        // Anonymous: the link asks for sign-in first.
        var anonymous = await app.CreateBrowserLikeClient().GetAsync("/" + link);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var guest = await app.SignInAsync("guest");
        var page = await guest.GetStringAsync("/" + link);
        page.Should().Contain("You were invited to join <strong>Contoso Ltd</strong> as <strong>gil@contoso.com</strong>");

        // The page's "Join" button calls the same service with the signed-in identity.
        var token = link[(link.IndexOf('=') + 1)..];
        var account = await app.Services.GetRequiredService<InvitationAcceptance>().AcceptAsync(DemoPersonas.Guest.Identity, false, token);
        (await MyAccountAppFactory.SwitchAccountAsync(guest, account)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var users = await guest.GetStringAsync("/account/users");
        users.Should().Contain("gil@contoso.com").And.Contain("Contoso Ltd");
        (await admin.GetStringAsync("/account/users")).Should().Contain("gil@contoso.com");
    }
}
