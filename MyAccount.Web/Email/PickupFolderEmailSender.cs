using MyAccount.Domain.Notifications;

namespace MyAccount.Web.Email;

/// <summary>
/// Local development: each message becomes an <c>.eml</c> file in <c>Email:PickupFolder</c> (default <c>mail-outbox</c>), named so
/// that the files sort in the order they were written.
/// </summary>
public sealed class PickupFolderEmailSender(EmailOptions options, TimeProvider clock) : IEmailSender
{
    private static long _sequence;

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        Directory.CreateDirectory(options.PickupFolder);
        var path = Path.Combine(options.PickupFolder, $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Interlocked.Increment(ref _sequence):D8}-{Guid.NewGuid():N}.eml");
        await using var file = File.Create(path);
        await MimeMessages.Build(message, options.From).WriteToAsync(file, ct);
    }
}
