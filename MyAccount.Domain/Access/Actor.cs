using MyAccount.Domain.Common;
using MyAccount.Domain.Members;

namespace MyAccount.Domain.Access;

/// <summary>
/// Who is asking. Every service method takes one and checks it against the current database state before it
/// touches data: an actor carries identity, never cached permissions, so a removal or a permission change takes
/// effect on the next call.
/// </summary>
public abstract record Actor
{
    /// <summary>"member", "support" or "operator": written into audit entries.</summary>
    public abstract string Kind { get; }

    /// <summary>A name for audit entries and the UI.</summary>
    public abstract string Name { get; }
}

/// <summary>A member of one customer account, acting in that account.</summary>
public sealed record MemberActor(MemberId MemberId, AccountId AccountId, string Email) : Actor
{
    public override string Kind => "member";
    public override string Name => Email;
}

/// <summary>Vendor staff with the Entra app role <c>MyAccount.Support</c>: may view any account (audited), never change it.</summary>
public sealed record SupportAgentActor(PersonIdentity Person) : Actor
{
    public override string Kind => "support";
    public override string Name => Person.DisplayName;
}

/// <summary>The vendor's billing systems or staff, through the operator API.</summary>
public sealed record OperatorActor(string OperatorName) : Actor
{
    public override string Kind => "operator";
    public override string Name => OperatorName;
}
