using System.Text.Json;
using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Persistence;

namespace MyAccount.Domain.Auditing;

/// <summary>Adds audit entries to the context of the change they describe, so both commit together or not at all.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record(MyAccountDbContext db, TimeProvider clock, Actor actor, AccountId accountId, string action, string target,
        object? before = null, object? after = null) =>
        db.AuditEntries.Add(new AuditEntry(accountId, clock.GetUtcNow().UtcDateTime, actor.Kind, actor.Name, action, target,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json)));
}
