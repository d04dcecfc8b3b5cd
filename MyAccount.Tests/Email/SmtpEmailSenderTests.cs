using MyAccount.Domain.Notifications;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Email;

namespace MyAccount.Tests.Email;

public sealed class SmtpEmailSenderTests : IDisposable
{
    private readonly SmtpServerFixture _smtp = new();

    public void Dispose() => _smtp.Dispose();

    [Fact]
    public async Task A_message_with_an_attachment_arrives_at_a_real_SMTP_server()
    {
        var sender = new SmtpEmailSender(new EmailOptions
        {
            From = "SSO Portal <billing@portal.example.com>",
            Smtp = new EmailOptions.SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port },
        });

        await sender.SendAsync(new EmailMessage(["alice@acme.com", "bob@acme.com"], "Your invoice INV-000001", "Text body", "<p>HTML body</p>",
            [new EmailAttachment("INV-000001.pdf", "application/pdf", [0x25, 0x50, 0x44, 0x46])]));

        var message = _smtp.Messages.Should().ContainSingle().Subject;
        message.Subject.Should().Be("Your invoice INV-000001");
        message.From.ToString().Should().Contain("billing@portal.example.com");
        message.To.Mailboxes.Select(m => m.Address).Should().Equal("alice@acme.com", "bob@acme.com");
        message.TextBody!.Trim().Should().Be("Text body");
        var attachment = message.Attachments.OfType<MimeKit.MimePart>().Should().ContainSingle().Subject;
        attachment.FileName.Should().Be("INV-000001.pdf");
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        content.ToArray().Should().Equal(0x25, 0x50, 0x44, 0x46);
    }

    [Fact]
    public async Task An_unreachable_server_fails_loudly_so_the_caller_can_retry()
    {
        var sender = new SmtpEmailSender(new EmailOptions { Smtp = new EmailOptions.SmtpOptions { Host = "127.0.0.1", Port = 1 } });
        var act = () => sender.SendAsync(new EmailMessage(["a@b.com"], "s", "t"));
        await act.Should().ThrowAsync<Exception>();
    }
}
