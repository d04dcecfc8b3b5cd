namespace MyAccount.Domain.Billing;

/// <summary>What earlier invoices already billed for one subscription and one service month.</summary>
public readonly record struct BilledAmounts(long FeeMinor, long OverageMinor, long OverageUnits)
{
    public static BilledAmounts None => default;
}
