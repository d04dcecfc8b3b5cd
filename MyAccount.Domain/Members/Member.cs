using MyAccount.Domain.Common;

namespace MyAccount.Domain.Members;

public enum MemberStatus
{
    Active = 0,
    Removed = 1,
}

/// <summary>
/// A person's membership of one account. The email is their username; the sign-in identity
/// (Entra <c>tid</c> + <c>oid</c>) is bound once, by an invitation or the operator's provisioning.
/// </summary>
public sealed class Member
{
    private readonly List<MemberProductAccess> _productAccess = [];

    private Member()
    {
        Email = "";
    }

    public Member(AccountId accountId, string email, string? phone, MemberPermissions permissions, IEnumerable<ProductId> products, DateTime createdAt)
    {
        Id = MemberId.New();
        AccountId = accountId;
        Email = EmailAddress.Normalize(email);
        Phone = PhoneNumber.NormalizeOptional(phone);
        CanManageUsers = permissions.CanManageUsers;
        CanManagePayment = permissions.CanManagePayment;
        CreatedAt = createdAt;
        SetProducts(products);
    }

    public MemberId Id { get; private set; }
    public AccountId AccountId { get; private set; }
    public string Email { get; private set; }

    /// <summary>E.164, or null when none was given.</summary>
    public string? Phone { get; private set; }

    public MemberStatus Status { get; private set; }
    public bool CanManageUsers { get; private set; }
    public bool CanManagePayment { get; private set; }

    /// <summary>The sign-in identity bound to this membership (Entra tenant id and object id).</summary>
    public string? IdentityTenantId { get; private set; }
    public string? IdentityObjectId { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? RemovedAt { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<MemberProductAccess> ProductAccess => _productAccess;

    public bool IsActive => Status == MemberStatus.Active;

    public MemberPermissions Permissions => new(CanManageUsers, CanManagePayment);

    public bool IsBound => IdentityObjectId is not null;

    public void BindIdentity(PersonIdentity identity)
    {
        if (IsBound && !identity.Matches(IdentityTenantId, IdentityObjectId))
        {
            throw new AccessDeniedException("This membership is already linked to another sign-in.");
        }

        IdentityTenantId = identity.TenantId;
        IdentityObjectId = identity.ObjectId;
        Version++;
    }

    public void ChangePermissions(MemberPermissions permissions)
    {
        CanManageUsers = permissions.CanManageUsers;
        CanManagePayment = permissions.CanManagePayment;
        Version++;
    }

    public void ChangePhone(string? phone)
    {
        Phone = PhoneNumber.NormalizeOptional(phone);
        Version++;
    }

    public void SetProducts(IEnumerable<ProductId> products)
    {
        var wanted = products.ToHashSet();
        _productAccess.RemoveAll(p => !wanted.Contains(p.ProductId));
        _productAccess.AddRange(wanted.Where(p => _productAccess.All(a => a.ProductId != p)).Select(p => new MemberProductAccess(Id, p)));
        Version++;
    }

    public void Remove(DateTime at)
    {
        Status = MemberStatus.Removed;
        RemovedAt = at;
        Version++;
    }
}

/// <summary>The two account permissions a member may hold.</summary>
public readonly record struct MemberPermissions(bool CanManageUsers, bool CanManagePayment)
{
    public static MemberPermissions None => new(false, false);
    public static MemberPermissions All => new(true, true);
}

/// <summary>A product a member may use.</summary>
public sealed class MemberProductAccess
{
    private MemberProductAccess()
    {
    }

    internal MemberProductAccess(MemberId memberId, ProductId productId)
    {
        MemberId = memberId;
        ProductId = productId;
    }

    public MemberId MemberId { get; private set; }
    public ProductId ProductId { get; private set; }
}
