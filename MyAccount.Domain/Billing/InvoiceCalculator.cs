using static System.FormattableString;
using System.Globalization;
using MyAccount.Domain.Invoices;

namespace MyAccount.Domain.Billing;

/// <summary>
/// The billing rules. The invoice for month P holds, per subscription:
/// <list type="bullet">
/// <item>the fee for P in advance, when the subscription is active on P's first day;</item>
/// <item>for P−1 (now complete): the fee owed for its active days minus what was billed for it — a mid-month start is
/// charged (proration fee), days paid in advance but not used after a mid-month end are credited (proration credit);</item>
/// <item>the overage for P−1 in arrears: volume above the prorated allowance, priced by the plan;</item>
/// <item>for earlier months that received usage after they were invoiced: the overage now owed minus the overage
/// already billed (late usage).</item>
/// </list>
/// Every line is rounded to minor units on its own; the invoice total is the sum of the rounded lines. When that sum is
/// positive and the account has a credit balance, the credit is applied, oldest first, as one line per earlier credit
/// ("Credit applied from INV-…") up to the sum — with VAT (<see cref="AccountBillingInput.Tax"/>), up to the sum plus its VAT, since
/// the VAT is computed on the lines that bill something and the credit settles the gross like a prepayment.
/// </summary>
public static class InvoiceCalculator
{
    public static IReadOnlyList<InvoiceLine> Calculate(AccountBillingInput input)
    {
        var period = input.Period;
        var closing = period.Previous;
        var lines = new List<InvoiceLine>();
        foreach (var subscription in input.Subscriptions.OrderBy(s => s.ProductName, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.StartsOn))
        {
            if (subscription.IsActiveOn(period.FirstDay) && subscription.Plan.MonthlyFeeMinor != 0)
            {
                lines.Add(new InvoiceLine(subscription.ProductId, InvoiceLineKind.SubscriptionFee,
                        $"Subscription fee for {period.Display}, in advance", period.FirstDay, period.EndExclusive, null, subscription.Plan.MonthlyFeeMinor)
                    .For(subscription.Id));
            }

            lines.AddRange(FeeTrueUps(input, subscription, closing));
            if (subscription.ActiveDays(closing) > 0)
            {
                lines.Add(OverageLine(input, subscription, closing));
            }

            lines.AddRange(LateUsage(input, subscription, closing));
        }

        if (lines.Count > 0)
        {
            // The credit balance is what earlier credit invoices left, VAT included: it settles the gross, like a prepayment.
            var net = lines.Sum(l => l.AmountMinor);
            var gross = input.Tax is { } tax ? net + Tax.VatMath.VatMinor(net, tax.RatePercent, input.Currency) : net;
            lines.AddRange(CreditApplied(input, gross));
        }

        return lines;
    }

    private static IEnumerable<InvoiceLine> CreditApplied(AccountBillingInput input, long total)
    {
        foreach (var credit in input.Credits)
        {
            if (total <= 0)
            {
                yield break;
            }

            var applied = Math.Min(total, credit.RemainingMinor);
            if (applied > 0)
            {
                yield return InvoiceLine.CreditFrom(credit.Source, input.Period, applied);
                total -= applied;
            }
        }
    }

    /// <summary>The month just ended, plus any earlier month billed more fee than the subscription now owes (an end date moved back).</summary>
    private static IEnumerable<InvoiceLine> FeeTrueUps(AccountBillingInput input, BillableSubscription subscription, BillingMonth closing)
    {
        var months = input.Billed.Keys
            .Where(k => k.Item1 == subscription.Id && k.Item2.CompareTo(closing) < 0 && input.Billed[k].FeeMinor != subscription.ProratedFeeMinor(k.Item2))
            .Select(k => k.Item2)
            .Append(closing)
            .Distinct()
            .Order();
        foreach (var month in months)
        {
            var owed = subscription.ProratedFeeMinor(month);
            var difference = owed - input.BilledFor(subscription.Id, month).FeeMinor;
            if (difference > 0)
            {
                var (from, until) = subscription.ActiveRange(month)!.Value;
                var days = until.DayNumber - from.DayNumber;
                yield return new InvoiceLine(subscription.ProductId, InvoiceLineKind.ProrationCharge,
                        $"Fee for {Range(from, until)} ({days} of {month.Days} days), not billed in advance", from, until, null, difference)
                    .For(subscription.Id);
            }
            else if (difference < 0)
            {
                var (from, until) = UnusedRange(subscription, month);
                var days = until.DayNumber - from.DayNumber;
                yield return new InvoiceLine(subscription.ProductId, InvoiceLineKind.ProrationCredit,
                        $"Credit for {Range(from, until)} ({days} of {month.Days} days), paid in advance but not used", from, until, null, difference)
                    .For(subscription.Id);
            }
        }
    }

    private static InvoiceLine OverageLine(AccountBillingInput input, BillableSubscription subscription, BillingMonth month)
    {
        var used = input.VolumeOf(subscription.Id, month);
        var allowance = subscription.ProratedAllowance(month);
        var (units, amount) = subscription.Overage(month, used, input.Currency);
        var billed = input.BilledFor(subscription.Id, month);
        var range = subscription.ActiveRange(month)!.Value;
        var description = Invariant($"Overage for {month.Display}, in arrears: {Units(used, subscription.Unit)} used of {allowance:N0} included");
        description += units > 0
            ? Invariant($"; {units:N0} over, priced {subscription.Plan.Overage.Describe(input.Currency.Code, subscription.Unit)}")
            : " — no overage";
        return new InvoiceLine(subscription.ProductId, InvoiceLineKind.Overage, description, range.From, range.Until,
                units - billed.OverageUnits, amount - billed.OverageMinor)
            .For(subscription.Id, used, allowance, UnitPriceOf(subscription));
    }

    private static IEnumerable<InvoiceLine> LateUsage(AccountBillingInput input, BillableSubscription subscription, BillingMonth closing)
    {
        var months = input.LateUsageMonths
            .Where(m => m.Item1 == subscription.ProductId && m.Item2.CompareTo(closing) < 0 && subscription.ActiveDays(m.Item2) > 0)
            .Select(m => m.Item2)
            .Order();
        foreach (var month in months)
        {
            var used = input.VolumeOf(subscription.Id, month);
            var allowance = subscription.ProratedAllowance(month);
            var (units, amount) = subscription.Overage(month, used, input.Currency);
            var billed = input.BilledFor(subscription.Id, month);
            if (amount == billed.OverageMinor && units == billed.OverageUnits)
            {
                continue;
            }

            var range = subscription.ActiveRange(month)!.Value;
            yield return new InvoiceLine(subscription.ProductId, InvoiceLineKind.LateUsageAdjustment,
                    Invariant($"Late usage for {month.Display}: usage reported after it was invoiced; now {Units(used, subscription.Unit)} used of {allowance:N0} included, ") +
                    Invariant($"{units:N0} over instead of {billed.OverageUnits:N0}"),
                    range.From, range.Until, units - billed.OverageUnits, amount - billed.OverageMinor)
                .For(subscription.Id, used, allowance, UnitPriceOf(subscription));
        }
    }

    /// <summary>The days of a month billed in advance but not active: after the end, or before a late start.</summary>
    private static (DateOnly From, DateOnly Until) UnusedRange(BillableSubscription subscription, BillingMonth month)
    {
        if (subscription.ActiveRange(month) is not { } active)
        {
            return (month.FirstDay, month.EndExclusive);
        }

        return active.Until < month.EndExclusive ? (active.Until, month.EndExclusive) : (month.FirstDay, active.From);
    }

    private static string? UnitPriceOf(BillableSubscription subscription) =>
        subscription.Plan.Overage is Subscriptions.UnitOverage unit ? unit.UnitPrice.ToString(CultureInfo.InvariantCulture) : null;

    private static string Units(long quantity, string unit) => Invariant($"{quantity:N0} {unit}");

    private static string Range(DateOnly from, DateOnly until)
    {
        var last = until.AddDays(-1);
        return from == last
            ? from.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)
            : from.Year == last.Year
                ? $"{from.ToString("MMM d", CultureInfo.InvariantCulture)} – {last.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}"
                : $"{from.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)} – {last.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}";
    }
}
