using MyAccount.Domain.Common;

namespace MyAccount.Domain.Notifications;

/// <summary>Something every open dashboard of an account should show at once.</summary>
public abstract record AccountEvent(AccountId AccountId);

/// <summary>Members were invited, changed or removed.</summary>
public sealed record MembersChanged(AccountId AccountId) : AccountEvent(AccountId);

/// <summary>An invoice was posted.</summary>
public sealed record InvoicePosted(AccountId AccountId, string Number, string Period, long TotalMinor, string CurrencyCode) : AccountEvent(AccountId);

/// <summary>A charge of an invoice succeeded (<paramref name="Paid"/>) or failed.</summary>
public sealed record InvoicePaymentChanged(AccountId AccountId, string Number, bool Paid) : AccountEvent(AccountId);

/// <summary>A credit note was issued against one of the account's invoices, or its refund went through or failed.</summary>
public sealed record CreditNoteIssued(AccountId AccountId, string Number, string InvoiceNumber) : AccountEvent(AccountId);

/// <summary>The card on file or the invoice recipients changed.</summary>
public sealed record PaymentMethodChanged(AccountId AccountId) : AccountEvent(AccountId);

/// <summary>The live-update port: the web layer pushes events to open dashboards (Blazor circuits, SignalR clients).</summary>
public interface IAccountEventPublisher
{
    Task PublishAsync(AccountEvent accountEvent);
}

/// <summary>For hosts without live updates (tests of the domain alone).</summary>
public sealed class NoAccountEvents : IAccountEventPublisher
{
    public Task PublishAsync(AccountEvent accountEvent) => Task.CompletedTask;
}
