using MyAccount.Domain.Common;

namespace MyAccount.Domain.Members;

public enum InvitationStatus
{
    Pending = 0,
    Accepted = 1,
    Revoked = 2,
}

/// <summary>
/// An invitation to join an account. The token is random and only its SHA-256 hash is stored; it is single-use
/// and expires. Accepting it binds the signed-in identity to the member it creates.
/// </summary>
public sealed class Invitation
{
    private Invitation()
    {
        Email = TokenHash = ProductIds = "";
    }

    public Invitation(AccountId accountId, string email, string? phone, MemberPermissions permissions, IEnumerable<ProductId> products,
        string tokenHash, DateTime createdAt, DateTime expiresAt, string invitedBy, MemberId? memberId = null)
    {
        MemberId = memberId;
        Id = InvitationId.New();
        AccountId = accountId;
        Email = EmailAddress.Normalize(email);
        Phone = PhoneNumber.NormalizeOptional(phone);
        CanManageUsers = permissions.CanManageUsers;
        CanManagePayment = permissions.CanManagePayment;
        ProductIds = string.Join(',', products.Distinct().Select(p => p.Value.ToString()));
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        InvitedBy = invitedBy;
    }

    public InvitationId Id { get; private set; }

    /// <summary>For a member provisioned by an operator: accepting binds this member instead of creating one.</summary>
    public MemberId? MemberId { get; private set; }
    public AccountId AccountId { get; private set; }
    public string Email { get; private set; }
    public string? Phone { get; private set; }
    public bool CanManageUsers { get; private set; }
    public bool CanManagePayment { get; private set; }

    /// <summary>Comma-separated product ids the new member will be allowed to use.</summary>
    public string ProductIds { get; private set; }

    public string TokenHash { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public string? InvitedBy { get; private set; }
    public InvitationStatus Status { get; private set; }
    public DateTime? AcceptedAt { get; private set; }

    public IReadOnlyList<ProductId> Products =>
        ProductIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => new ProductId(Guid.Parse(p))).ToList();

    public bool IsUsable(DateTime now) => Status == InvitationStatus.Pending && now < ExpiresAt;

    public MemberPermissions Permissions => new(CanManageUsers, CanManagePayment);

    public void MarkAccepted(DateTime at)
    {
        Status = InvitationStatus.Accepted;
        AcceptedAt = at;
    }

    public void Revoke() => Status = InvitationStatus.Revoked;

    public void Renew(string tokenHash, DateTime expiresAt)
    {
        TokenHash = tokenHash;
        ExpiresAt = expiresAt;
    }
}
