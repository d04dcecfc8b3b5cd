using Microsoft.Extensions.Logging;
using MyAccount.Domain.Notifications;

namespace MyAccount.Domain.Members;

/// <summary>Writes and sends the invitation email. The token travels only in this email, never into the database.</summary>
public sealed class InvitationMailer(IEmailSender email, ILogger<InvitationMailer> logger)
{
    /// <returns>Whether the email was handed to the mail system; a failure leaves the invitation pending for a resend.</returns>
    public async Task<bool> SendAsync(string to, string accountName, string invitedBy, string token, Uri acceptBase, DateTime expiresAt, CancellationToken ct)
    {
        var link = new Uri(acceptBase, $"invitations/accept?token={Uri.EscapeDataString(token)}");
        var text = $"""
            Hello,

            {invitedBy} invited you to the {accountName} account in the SSO Portal's My Account area.

            Accept the invitation: {link}

            The link works once and expires on {expiresAt:MMMM d, yyyy HH:mm} UTC. Sign in with your own work account when asked.
            If you did not expect this email, you can ignore it.
            """;
        var html = $"""
            <p>Hello,</p>
            <p>{System.Net.WebUtility.HtmlEncode(invitedBy)} invited you to the <strong>{System.Net.WebUtility.HtmlEncode(accountName)}</strong>
            account in the SSO Portal's My Account area.</p>
            <p><a href="{System.Net.WebUtility.HtmlEncode(link.ToString())}">Accept the invitation</a></p>
            <p>The link works once and expires on {expiresAt:MMMM d, yyyy HH:mm} UTC. Sign in with your own work account when asked.
            If you did not expect this email, you can ignore it.</p>
            """;
        try
        {
            await email.SendAsync(new EmailMessage([to], $"You are invited to {accountName} on the SSO Portal", text, html), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The invitation email to {Recipient} could not be sent; the invitation stays pending for a resend.", to);
            return false;
        }
    }
}
