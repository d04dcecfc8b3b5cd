using MyAccount.Domain.Common;

namespace MyAccount.Domain.Members;

/// <summary>What an invitation asks for: the new member's email, phone, products and permissions.</summary>
public sealed record MemberAccessInput(string? Email, string? Phone, IReadOnlyCollection<ProductId> Products, MemberPermissions Permissions);

/// <summary>A pending invitation as the Users tab lists it.</summary>
public sealed record InvitationRow(InvitationId Id, string Email, string? Phone, IReadOnlyList<string> Products, MemberPermissions Permissions,
    DateTime CreatedAt, DateTime ExpiresAt, bool IsExpired, string? InvitedBy);

/// <summary>The outcome of an invitation or a resend: the email may have failed even though the invitation was saved.</summary>
public sealed record InvitationSent(InvitationId Id, string Email, bool EmailSent);

/// <summary>A product the account subscribes to now, which members may be given access to.</summary>
public sealed record SubscribedProduct(ProductId Id, string Code, string Name);

/// <summary>How many active members there are and how many hold each permission.</summary>
public sealed record PermissionSummary(int Members, int CanManageUsers, int CanManagePayment);

/// <summary>One member's editable state, with its concurrency version.</summary>
public sealed record MemberAccess(MemberId Id, string Email, IReadOnlyList<ProductId> Products, MemberPermissions Permissions, int Version);
