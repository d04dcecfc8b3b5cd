using MyAccount.Domain.Common;

namespace MyAccount.Domain.Usage;

/// <summary>
/// The day's total of one usage type of one product for one account (UTC day), kept up to date on ingest so billing
/// and the usage detail read rollups, never millions of raw events.
/// </summary>
public sealed class UsageDailyTotal
{
    private UsageDailyTotal()
    {
        UsageTypeCode = "";
    }

    public UsageDailyTotal(AccountId accountId, ProductId productId, string usageTypeCode, DateOnly day, long quantity)
    {
        AccountId = accountId;
        ProductId = productId;
        UsageTypeCode = usageTypeCode;
        Day = day;
        Quantity = quantity;
    }

    public AccountId AccountId { get; private set; }
    public ProductId ProductId { get; private set; }
    public string UsageTypeCode { get; private set; }
    public DateOnly Day { get; private set; }
    public long Quantity { get; private set; }
}

/// <summary>
/// A month whose overage was already invoiced but received more usage since: the next invoice bills the difference
/// as a late-usage adjustment and removes the marker.
/// </summary>
public sealed class LateUsageMarker
{
    private LateUsageMarker()
    {
    }

    public LateUsageMarker(AccountId accountId, ProductId productId, int year, int month)
    {
        AccountId = accountId;
        ProductId = productId;
        Year = year;
        Month = month;
    }

    public AccountId AccountId { get; private set; }
    public ProductId ProductId { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
}
