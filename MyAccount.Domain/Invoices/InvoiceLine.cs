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
}

/// <summary>One rounded amount on an invoice, for one product, saying which days it pays for.</summary>
public sealed class InvoiceLine
{
    private InvoiceLine()
    {
        Description = "";
    }

    public InvoiceLine(ProductId productId, InvoiceLineKind kind, string description, DateOnly coversFrom, DateOnly coversUntil, long? quantity, long amountMinor)
    {
        ProductId = productId;
        Kind = kind;
        Description = description;
        CoversFrom = coversFrom;
        CoversUntil = coversUntil;
        Quantity = quantity;
        AmountMinor = amountMinor;
    }

    public long Id { get; private set; }
    public InvoiceId InvoiceId { get; private set; }
    public ProductId ProductId { get; private set; }
    public InvoiceLineKind Kind { get; private set; }
    public string Description { get; private set; }

    /// <summary>First day the line pays for (inclusive).</summary>
    public DateOnly CoversFrom { get; private set; }

    /// <summary>Day after the last day the line pays for (exclusive).</summary>
    public DateOnly CoversUntil { get; private set; }

    /// <summary>Units priced by the line (overage units), when it prices units.</summary>
    public long? Quantity { get; private set; }

    public long AmountMinor { get; private set; }

    internal void AttachTo(InvoiceId invoiceId) => InvoiceId = invoiceId;
}
