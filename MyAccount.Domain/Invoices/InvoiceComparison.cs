using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

/// <summary>Says, per product, what changed against the previous invoice: new product, overage up or down, proration, late usage.</summary>
internal static class InvoiceComparison
{
    public static List<InvoiceProductSection> Describe(IReadOnlyList<InvoiceProductSection> sections, Invoice? previous, string currency)
    {
        return sections.Select(section =>
        {
            var changes = new List<string>();
            var before = previous?.Lines.Where(l => l.ProductId == section.ProductId).ToList() ?? [];
            if (previous is not null && before.Count == 0)
            {
                changes.Add("New on this invoice");
            }
            else if (previous is not null)
            {
                var overageNow = section.Lines.Where(l => l.Kind == InvoiceLineKind.Overage).Sum(l => l.AmountMinor);
                var overageBefore = before.Where(l => l.Kind == InvoiceLineKind.Overage).Sum(l => l.AmountMinor);
                if (overageNow > overageBefore)
                {
                    changes.Add($"More overage: {new Money(overageNow, currency).Format()} (previous invoice {new Money(overageBefore, currency).Format()})");
                }
                else if (overageNow < overageBefore)
                {
                    changes.Add($"Less overage: {new Money(overageNow, currency).Format()} (previous invoice {new Money(overageBefore, currency).Format()})");
                }

                var feeNow = section.Lines.Where(l => l.Kind == InvoiceLineKind.SubscriptionFee).Sum(l => l.AmountMinor);
                var feeBefore = before.Where(l => l.Kind == InvoiceLineKind.SubscriptionFee).Sum(l => l.AmountMinor);
                if (feeNow != feeBefore)
                {
                    changes.Add(feeNow == 0 ? "No fee in advance: the subscription ended" : $"Monthly fee changed from {new Money(feeBefore, currency).Format()} to {new Money(feeNow, currency).Format()}");
                }
            }

            if (section.Lines.Any(l => l.Kind == InvoiceLineKind.ProrationCharge))
            {
                changes.Add("Proration: a subscription started mid-month");
            }

            if (section.Lines.Any(l => l.Kind == InvoiceLineKind.ProrationCredit))
            {
                changes.Add("Credit: a subscription ended mid-month");
            }

            if (section.Lines.Any(l => l.Kind == InvoiceLineKind.LateUsageAdjustment))
            {
                changes.Add("Late usage from an earlier month");
            }

            return section with { Changes = changes };
        }).ToList();
    }
}
