using MyAccount.Domain.Access;
using MyAccount.Domain.Common;
using MyAccount.Domain.Members;

namespace MyAccount.Domain.Accounts;

/// <summary>
/// What a signed-in person may open: the accounts they belong to (or, for support, every account), the one they
/// are acting in, and the actor to pass to services. <see cref="Actor"/> is null when no account is linked to them.
/// </summary>
public sealed record SignedInPerson(Actor? Actor, AccountChoice? CurrentAccount, IReadOnlyList<AccountChoice> Accounts, bool IsSupportAgent,
    MemberPermissions Permissions = default)
{
    /// <summary>For what the UI shows; the services check the permission again on every call.</summary>
    public bool CanManageUsers => !IsSupportAgent && Permissions.CanManageUsers;

    public bool CanManagePayment => !IsSupportAgent && Permissions.CanManagePayment;

    public bool HasAccount => Actor is not null && CurrentAccount is not null;

    public AccountId CurrentAccountId => CurrentAccount?.Id ?? throw new AccessDeniedException("No account is linked to your sign-in.");
}
