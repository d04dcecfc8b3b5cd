using Microsoft.AspNetCore.Components;
using MudBlazor;
using MyAccount.Domain.Invoices;
using MyAccount.Web.Components.Shared;

namespace MyAccount.Web.Components.Pages.Invoices;

/// <summary>An invoice's status as a chip: markup in the row that shows it, not a component per row (README, Capacity).</summary>
public static class InvoiceStatusChip
{
    public static RenderFragment For(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => Glyph.Chip("Paid", color: "success", icon: Icons.Material.Filled.CheckCircle),
        InvoiceStatus.PastDue => Glyph.Chip("Past due", color: "error", icon: Icons.Material.Filled.Warning),
        InvoiceStatus.PaymentFailed => Glyph.Chip("Payment failed", color: "error", icon: Icons.Material.Filled.Error),
        InvoiceStatus.Credit => Glyph.Chip("Credit", color: "info", icon: Icons.Material.Filled.Savings),
        InvoiceStatus.NothingToPay => Glyph.Chip("Nothing to pay", color: "success", variant: "outlined"),
        _ => Glyph.Chip("Due", color: "warning", variant: "outlined", icon: Icons.Material.Filled.Schedule),
    };
}
