using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;

namespace MyAccount.Domain.Billing;

/// <summary>What a billing run did: invoices posted for the period, and accounts skipped (already billed, or nothing to bill).</summary>
public sealed record BillingRunResult(BillingMonth Period, int InvoicesPosted, int Skipped, IReadOnlyList<PostedInvoice> Posted,
    IReadOnlyList<BillingFailure> Failed);

/// <summary>
/// An account whose invoice could not be computed (e.g. an amount beyond what can be billed): nothing was posted for it and no
/// invoice number was used; every other account was billed. A later run for the same period bills it once it is fixed.
/// </summary>
public sealed record BillingFailure(AccountId AccountId, string Reason);

/// <summary>An invoice a run posted, for notifications and charging.</summary>
public sealed record PostedInvoice(InvoiceId Id, AccountId AccountId, string Number, BillingMonth Period, long TotalMinor, string CurrencyCode);
