namespace MyAccount.Domain.Access;

/// <summary>What an actor wants to do in an account, beyond viewing it.</summary>
public enum AccountPermission
{
    ManageUsers,
    ManagePayment,

    /// <summary>Setting usage alerts: members who may manage users or payment.</summary>
    ManageUsageAlerts,
}
