using MyAccount.Domain.Members;

namespace MyAccount.Domain.Demo;

/// <summary>A demo person for the development sign-in: a fixed identity bound to demo memberships.</summary>
public sealed record DemoPersona(string Name, string DisplayName, string Description, PersonIdentity Identity, bool IsSupportAgent)
{
    /// <summary>The email address the development sign-in asserts for the persona (invitations to it can be accepted).</summary>
    public string Email => Identity.Email!;
}

/// <summary>The development sign-in's personas. Their identities are bound to members by the demo data.</summary>
public static class DemoPersonas
{
    public const string TenantId = "00000000-0000-0000-0000-00000000d3e0";

    public static readonly DemoPersona Admin = Create("admin", "Alice Admin", "Manages users and payment at Contoso and Fabrikam", "a1", "alice@contoso.com");
    public static readonly DemoPersona Users = Create("users", "Uma Users", "Manages users only, at Contoso", "a2", "uma@contoso.com");
    public static readonly DemoPersona Payments = Create("payments", "Paul Payments", "Manages payment only, at Contoso", "a3", "paul@contoso.com");
    public static readonly DemoPersona Member = Create("member", "Mia Member", "A member of Northwind without special permissions", "a4", "mia@northwindtraders.com");
    public static readonly DemoPersona Support = Create("support", "Sam Support", "Vendor support agent: views any account, read-only", "a5", "sam.support@vendor.example", isSupport: true);
    public static readonly DemoPersona Guest = Create("guest", "Gil Guest", "Not in any account yet: invite gil@contoso.com, then sign in as Gil to accept the link", "a6", "gil@contoso.com");

    public static IReadOnlyList<DemoPersona> All { get; } = [Admin, Users, Payments, Member, Support, Guest];

    public static DemoPersona? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static DemoPersona Create(string name, string displayName, string description, string suffix, string email, bool isSupport = false) =>
        new(name, displayName, description, new PersonIdentity(TenantId, $"00000000-0000-0000-0000-0000000000{suffix}", displayName, email), isSupport);
}
