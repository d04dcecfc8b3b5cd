using MyAccount.Domain.Common;

namespace MyAccount.Domain.Insights;

/// <summary>Per account and product, the shares of the included volume (percent) at which members are emailed.</summary>
public sealed class UsageAlertSetting
{
    public static readonly IReadOnlyList<int> Defaults = [80, 100];

    private UsageAlertSetting()
    {
        Thresholds = "";
    }

    public UsageAlertSetting(AccountId accountId, ProductId productId, IEnumerable<int> thresholds)
    {
        AccountId = accountId;
        ProductId = productId;
        Thresholds = "";
        Change(thresholds);
    }

    public AccountId AccountId { get; private set; }
    public ProductId ProductId { get; private set; }

    /// <summary>Comma-separated percentages, ascending.</summary>
    public string Thresholds { get; private set; }

    public IReadOnlyList<int> Values => Parse(Thresholds);

    public void Change(IEnumerable<int> thresholds)
    {
        var values = thresholds.Distinct().Order().ToList();
        if (values.Count > 5 || values.Any(v => v is < 1 or > 1000))
        {
            throw new DomainValidationException("thresholds", "Use up to 5 thresholds between 1% and 1000% of the included volume.");
        }

        Thresholds = string.Join(',', values);
    }

    public static IReadOnlyList<int> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

/// <summary>A usage alert already emailed: one per account, product, month and threshold.</summary>
public sealed class UsageAlertSent
{
    private UsageAlertSent()
    {
    }

    public UsageAlertSent(AccountId accountId, ProductId productId, int year, int month, int threshold, DateTime sentAt)
    {
        AccountId = accountId;
        ProductId = productId;
        Year = year;
        Month = month;
        Threshold = threshold;
        SentAt = sentAt;
    }

    public AccountId AccountId { get; private set; }
    public ProductId ProductId { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public int Threshold { get; private set; }
    public DateTime SentAt { get; private set; }
}
