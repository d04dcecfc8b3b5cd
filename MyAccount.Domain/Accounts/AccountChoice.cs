using MyAccount.Domain.Common;

namespace MyAccount.Domain.Accounts;

/// <summary>An account a signed-in person can open (for the account switcher).</summary>
public sealed record AccountChoice(AccountId Id, string Name, string CurrencyCode);
