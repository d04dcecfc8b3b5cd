using MyAccount.Domain.Common;

namespace MyAccount.Domain.Invoices;

public enum InvoiceLineKind
{
    /// <summary>The subscription fee for the invoice month, billed in advance.</summary>
    SubscriptionFee = 0,

    /// <summary>Volume above the included volume in the previous month, billed in arrears.</summary>
    Overage = 1,

    /// <summary>Fee for days of a mid-month start not billed in advance.</summary>
    ProrationCharge = 2,

    /// <summary>Credit for days paid in advance but not used after a mid-month end (negative).</summary>
    ProrationCredit = 3,

    /// <summary>Overage with late usage minus the overage already billed.</summary>
    LateUsageAdjustment = 4,

    /// <summary>The account's credit balance applied to the invoice, from one earlier credit (negative; no product).</summary>
    CreditApplied = 5,
}

/// <summary>
/// One rounded amount on an invoice, for one product and subscription, saying which days of which month it pays for
/// (the service month) and, for overage, the units used against the units included.
/// </summary>
public sealed class InvoiceLine
{
    private InvoiceLine()
    {
        Description = "";
    }

    public InvoiceLine(ProductId? productId, InvoiceLineKind kind, string description, DateOnly coversFrom, DateOnly coversUntil, long? quantity, long amountMinor)
    {
        ProductId = productId;
        Kind = kind;
        Description = description;
        CoversFrom = coversFrom;
        CoversUntil = coversUntil;
        Quantity = quantity;
        AmountMinor = amountMinor;
        ServiceYear = coversFrom.Year;
        ServiceMonth = coversFrom.Month;
    }

    public long Id { get; private set; }
    public InvoiceId InvoiceId { get; private set; }
    /// <summary>The product the line bills; null for invoice-level lines (credit applied).</summary>
    public ProductId? ProductId { get; private set; }

    /// <summary>For credit applied: the number of the invoice whose credit it uses.</summary>
    public string? CreditSource { get; private set; }

    /// <summary>The subscription the line bills (null only for lines made before subscriptions were recorded).</summary>
    public SubscriptionId? SubscriptionId { get; private set; }

    public InvoiceLineKind Kind { get; private set; }
    public string Description { get; private set; }

    /// <summary>First day the line pays for (inclusive).</summary>
    public DateOnly CoversFrom { get; private set; }

    /// <summary>Day after the last day the line pays for (exclusive).</summary>
    public DateOnly CoversUntil { get; private set; }

    /// <summary>The calendar month the line pays for: the month of <see cref="CoversFrom"/>.</summary>
    public int ServiceYear { get; private set; }
    public int ServiceMonth { get; private set; }

    /// <summary>Units priced by the line (overage units), when it prices units.</summary>
    public long? Quantity { get; private set; }

    /// <summary>For overage: units used in the service month by this subscription, and its (prorated) allowance.</summary>
    public long? UsedVolume { get; private set; }
    public long? IncludedVolume { get; private set; }

    /// <summary>The unit price as an exact decimal string in major units, when the line prices units at one price.</summary>
    public string? UnitPrice { get; private set; }

    public long AmountMinor { get; private set; }

    /// <summary>What credit notes credited of this line so far.</summary>
    public long CreditedMinor { get; private set; }

    /// <summary>What a credit note may still credit of this line: lines that bill a product (above zero) less what was credited.</summary>
    public long CreditableMinor => ProductId is null || AmountMinor <= 0 ? 0 : AmountMinor - CreditedMinor;

    public BillingMonth ServicePeriod => new(ServiceYear, ServiceMonth);

    /// <summary>Records which subscription the line bills and, for overage lines, the volume it is based on.</summary>
    public InvoiceLine For(SubscriptionId subscriptionId, long? usedVolume = null, long? includedVolume = null, string? unitPrice = null)
    {
        SubscriptionId = subscriptionId;
        UsedVolume = usedVolume;
        IncludedVolume = includedVolume;
        UnitPrice = unitPrice;
        return this;
    }

    internal void AttachTo(InvoiceId invoiceId) => InvoiceId = invoiceId;

    /// <summary>A line applying <paramref name="amountMinor"/> of the credit left by invoice <paramref name="source"/>.</summary>
    public static InvoiceLine CreditFrom(string source, BillingMonth period, long amountMinor) =>
        new(null, InvoiceLineKind.CreditApplied, $"Credit applied from {source}", period.FirstDay, period.EndExclusive, null, -amountMinor)
        {
            CreditSource = source,
        };
}
