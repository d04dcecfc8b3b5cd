namespace MyAccount.Domain.Notifications;

/// <summary>An email to send: plain text with an optional HTML alternative and attachments.</summary>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string TextBody, string? HtmlBody = null,
    IReadOnlyList<EmailAttachment>? Attachments = null);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The email port: SMTP (MailKit) when configured, otherwise a local pickup folder of <c>.eml</c> files.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}
