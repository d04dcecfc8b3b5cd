using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;

namespace MyAccount.Domain.Payments;

/// <summary>The card on file as the Billing / Payment tab shows it.</summary>
public sealed record PaymentMethodView(string Brand, string Last4, int ExpiryMonth, int ExpiryYear, BillingAddress BillingAddress, DateTime UpdatedAt, string UpdatedBy);

/// <summary>An invoice's payment status for the tab.</summary>
public sealed record InvoicePaymentStatus(string Number, BillingMonth Period, InvoiceStatus Status, Money Total, string? LastError, DateTime? NextChargeAt);

/// <summary>
/// Everything the Billing / Payment tab shows. <paramref name="SuggestedCountry"/> is the country a new billing address starts with
/// (see <see cref="BillingCountries.Suggest"/>), null when nothing tells.
/// </summary>
public sealed record BillingOverview(PaymentMethodView? PaymentMethod, IReadOnlyList<string> Recipients, IReadOnlyList<InvoicePaymentStatus> LatestInvoices,
    string? SuggestedCountry = null)
{
    /// <summary>Invoices whose payment failed or is past due, for the banner.</summary>
    public IReadOnlyList<InvoicePaymentStatus> Failed => LatestInvoices.Where(i => i.Status is InvoiceStatus.PaymentFailed or InvoiceStatus.PastDue).ToList();

    /// <summary>Every invoice still awaiting payment, oldest first (not only the recent ones).</summary>
    public IReadOnlyList<InvoicePaymentStatus> Unpaid { get; init; } = [];

    /// <summary>What the unpaid invoices add up to.</summary>
    public Money? AmountDue { get; init; }

    /// <summary>The reason the most recent failed charge gave, if an unpaid invoice's charge failed.</summary>
    public string? LastFailure { get; init; }

    /// <summary>The account's credit balance, applied to its next invoices (zero when it has none).</summary>
    public Money? CreditBalance { get; init; }

    /// <summary>Whom invoices are addressed to (legal name, address, VAT ID, buyer reference), once given.</summary>
    public BillingDetailsView? BillingDetails { get; init; }
}

/// <summary>Payment settings: whether a card whose address could not be checked (<c>unavailable</c>) is accepted.</summary>
public sealed class PaymentOptions
{
    public bool AcceptUnavailableAddressChecks { get; set; }
}

/// <summary>After Pay now: how many invoices are still unpaid and what they add up to (minor units).</summary>
public sealed record PayNowResult(int StillUnpaid, long StillDueMinor);
