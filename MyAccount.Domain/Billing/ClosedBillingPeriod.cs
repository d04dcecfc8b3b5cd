namespace MyAccount.Domain.Billing;

/// <summary>
/// A billing period whose run for every account has begun. From the moment it is recorded, usage for any month before the
/// period counts as late for every account — it gets a late-usage marker and is billed on the next invoice — so the run can
/// read the closing month's usage once, for all accounts, without holding ingestion off while it bills.
/// </summary>
public sealed class ClosedBillingPeriod
{
    private ClosedBillingPeriod()
    {
    }

    public ClosedBillingPeriod(Invoices.BillingMonth period, DateTime closedAt)
    {
        Year = period.Year;
        Month = period.Month;
        ClosedAt = closedAt;
    }

    public int Year { get; private set; }
    public int Month { get; private set; }
    public DateTime ClosedAt { get; private set; }
}
