using MyAccount.Domain.Common;

namespace MyAccount.Domain.Accounts;

/// <summary>A customer company. Everything else in the model belongs to exactly one account.</summary>
public sealed class Account
{
    private Account()
    {
        Name = CurrencyCode = TimeZone = "";
    }

    public Account(string name, Currency currency, string timeZone, DateTime createdAt)
    {
        Id = AccountId.New();
        Name = RequireName(name);
        CurrencyCode = currency.Code;
        TimeZone = RequireTimeZone(timeZone);
        CreatedAt = createdAt;
    }

    public AccountId Id { get; private set; }
    public string Name { get; private set; }
    public string CurrencyCode { get; private set; }

    /// <summary>An IANA time zone id, used to show dates to the account's people. Billing itself is in UTC.</summary>
    public string TimeZone { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Currency Currency => Currency.Of(CurrencyCode);

    /// <summary>The payment gateway's customer for this account (Stripe: <c>cus_…</c>), once one exists.</summary>
    public string? PaymentCustomerReference { get; private set; }

    public void LinkPaymentCustomer(string reference) => PaymentCustomerReference = reference;

    public void Rename(string name) => Name = RequireName(name);

    private static string RequireName(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 200)
        {
            throw new DomainValidationException("name", "An account name is required (at most 200 characters).");
        }

        return trimmed;
    }

    private static string RequireTimeZone(string timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw new DomainValidationException("timeZone", $"'{timeZone}' is not a known time zone.");
        }

        return timeZone;
    }
}
