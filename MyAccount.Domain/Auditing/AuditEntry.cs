using MyAccount.Domain.Common;

namespace MyAccount.Domain.Auditing;

/// <summary>Who did what, when, to what, with the state before and after (JSON). Support views are entries too.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        ActorKind = ActorName = Action = Target = "";
    }

    public AuditEntry(AccountId? accountId, DateTime at, string actorKind, string actorName, string action, string target, string? before, string? after)
    {
        AccountId = accountId;
        At = at;
        ActorKind = actorKind;
        ActorName = actorName;
        Action = action;
        Target = target;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public AccountId? AccountId { get; private set; }
    public DateTime At { get; private set; }
    public string ActorKind { get; private set; }
    public string ActorName { get; private set; }
    public string Action { get; private set; }
    public string Target { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}
