using System.Net.Mail;
using MyAccount.Domain.Common;

namespace MyAccount.Domain.Members;

/// <summary>Validates and normalises email addresses (trimmed, lower case): the email is a member's username.</summary>
public static class EmailAddress
{
    public static string Normalize(string? input, string field = "email") =>
        Problem(input) is { } problem ? throw new DomainValidationException(field, problem) : input!.Trim().ToLowerInvariant();

    /// <summary>Why <paramref name="input"/> is not a valid email address, or null when it is one.</summary>
    public static string? Problem(string? input)
    {
        var trimmed = input?.Trim() ?? "";
        if (trimmed.Length is 0)
        {
            return "An email address is required.";
        }

        if (trimmed.Length > 254
            || !MailAddress.TryCreate(trimmed, out var parsed)
            || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return $"'{trimmed}' is not a valid email address.";
        }

        return null;
    }
}
