namespace MyAccount.Domain.Invoices;

/// <summary>
/// One product's usage in an invoice's usage month, per usage type and day, and the volume the invoice included for that
/// month (the prorated allowance as billed; null when the invoice includes none).
/// </summary>
public sealed record ProductUsage(string ProductCode, string ProductName, string Unit, long Total, IReadOnlyList<UsageTypeUsage> UsageTypes, long? IncludedVolume)
{
    /// <summary>Each day with usage, in order, with the quantities of all usage types summed.</summary>
    public IReadOnlyList<DailyQuantity> DailyTotals => UsageTypes.SelectMany(t => t.Days)
        .GroupBy(d => d.Day)
        .OrderBy(g => g.Key)
        .Select(g => new DailyQuantity(g.Key, g.Sum(d => d.Quantity)))
        .ToList();

    /// <summary>The day the month's running total reached the included volume; null when it never did or nothing is included.</summary>
    public DateOnly? IncludedVolumeUsedUpOn
    {
        get
        {
            if (IncludedVolume is not { } included)
            {
                return null;
            }

            var runningTotal = 0L;
            foreach (var day in DailyTotals)
            {
                runningTotal += day.Quantity;
                if (runningTotal >= included)
                {
                    return day.Day;
                }
            }

            return null;
        }
    }
}
