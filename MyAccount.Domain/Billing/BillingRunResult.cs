using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;

namespace MyAccount.Domain.Billing;

/// <summary>What a billing run did: invoices posted for the period, and accounts skipped (already billed, or nothing to bill).</summary>
public sealed record BillingRunResult(BillingMonth Period, int InvoicesPosted, int Skipped, IReadOnlyList<PostedInvoice> Posted);

/// <summary>An invoice a run posted, for notifications and charging.</summary>
public sealed record PostedInvoice(InvoiceId Id, AccountId AccountId, string Number, BillingMonth Period, long TotalMinor, string CurrencyCode);
