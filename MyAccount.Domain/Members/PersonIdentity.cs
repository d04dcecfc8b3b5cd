namespace MyAccount.Domain.Members;

/// <summary>
/// Who signed in, as the identity provider names them: Entra tenant id (<c>tid</c>) and object id (<c>oid</c>).
/// Email claims are never used to identify a person; the email the provider asserts (<see cref="Email"/>) is only checked
/// against the address an invitation was sent to, so a link reaches no one but its addressee.
/// </summary>
public sealed record PersonIdentity(string TenantId, string ObjectId, string DisplayName, string? Email = null)
{
    public bool Matches(string? tenantId, string? objectId) =>
        string.Equals(TenantId, tenantId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(ObjectId, objectId, StringComparison.OrdinalIgnoreCase);
}
