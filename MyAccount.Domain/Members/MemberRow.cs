using MyAccount.Domain.Common;

namespace MyAccount.Domain.Members;

/// <summary>A member as the Users tab lists them.</summary>
public sealed record MemberRow(
    MemberId Id,
    string Email,
    string? Phone,
    IReadOnlyList<string> Products,
    bool CanManageUsers,
    bool CanManagePayment,
    int Version)
{
    /// <summary>The phone in international format, e.g. "+1 201-555-0123", or empty.</summary>
    public string PhoneDisplay => PhoneNumber.Display(Phone);
}
