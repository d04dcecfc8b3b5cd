using MyAccount.Domain.Common;
using MyAccount.Domain.Members;

namespace MyAccount.Domain.Payments;

/// <summary>An email address that receives the account's monthly invoices.</summary>
public sealed class InvoiceRecipient
{
    private InvoiceRecipient()
    {
        Email = "";
    }

    public InvoiceRecipient(AccountId accountId, string email)
    {
        AccountId = accountId;
        Email = EmailAddress.Normalize(email);
    }

    public long Id { get; private set; }
    public AccountId AccountId { get; private set; }
    public string Email { get; private set; }
}
