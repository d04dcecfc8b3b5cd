using MailKit.Net.Smtp;
using MailKit.Security;
using MyAccount.Domain.Notifications;

namespace MyAccount.Web.Email;

/// <summary>Sends through an SMTP server with MailKit (<c>Email:Smtp:Host</c>, <c>Port</c>, <c>UseTls</c>, <c>UserName</c>, <c>Password</c>).</summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var smtp = options.Smtp!;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(MimeMessages.Build(message, options.From), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
