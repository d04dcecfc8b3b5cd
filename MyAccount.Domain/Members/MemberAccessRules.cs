using MyAccount.Domain.Common;

namespace MyAccount.Domain.Members;

/// <summary>
/// The rules on the fields of an invitation, checked all at once so a form can show every field's problem together.
/// <see cref="MemberManagement"/> enforces them; the invite dialog checks them before it calls the service.
/// </summary>
public static class MemberAccessRules
{
    public const string NotSubscribed = "Members can only be given products the account currently subscribes to.";

    /// <summary>Each field of <paramref name="input"/> that breaks a rule (email, phone, products), with its message; empty when all is well.</summary>
    /// <param name="grantable">The products the account subscribes to now.</param>
    public static IReadOnlyDictionary<string, string> Check(MemberAccessInput input, IReadOnlyCollection<ProductId> grantable)
    {
        var errors = new Dictionary<string, string>();
        if (EmailAddress.Problem(input.Email) is { } email)
        {
            errors["email"] = email;
        }

        if (PhoneNumber.Problem(input.Phone) is { } phone)
        {
            errors["phone"] = phone;
        }

        if (ProductsProblem(input.Products, grantable) is { } products)
        {
            errors["products"] = products;
        }

        return errors;
    }

    /// <summary>Why <paramref name="products"/> cannot be granted, or null when each is one the account subscribes to.</summary>
    public static string? ProductsProblem(IEnumerable<ProductId> products, IReadOnlyCollection<ProductId> grantable) =>
        products.Any(p => !grantable.Contains(p)) ? NotSubscribed : null;
}
