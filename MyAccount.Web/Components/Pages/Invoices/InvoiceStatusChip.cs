using Microsoft.AspNetCore.Components;
using MudBlazor;
using MyAccount.Domain.Invoices;
using MyAccount.Web.Components.Shared;

namespace MyAccount.Web.Components.Pages.Invoices;

/// <summary>
/// An invoice's status as a chip: markup in the row that shows it, not a component per row (README, Capacity). The six chips
/// are built once and shared, so a thousand Invoices tabs re-rendering after a push build no chip markup at all.
/// </summary>
public static class InvoiceStatusChip
{
    private static readonly Dictionary<InvoiceStatus, RenderFragment> Chips = Enum.GetValues<InvoiceStatus>().ToDictionary(status => status, status =>
    {
        var html = status switch
        {
            InvoiceStatus.Paid => Glyph.ChipHtml("Paid", color: "success", icon: Icons.Material.Filled.CheckCircle),
            InvoiceStatus.PastDue => Glyph.ChipHtml("Past due", color: "error", icon: Icons.Material.Filled.Warning),
            InvoiceStatus.PaymentFailed => Glyph.ChipHtml("Payment failed", color: "error", icon: Icons.Material.Filled.Error),
            InvoiceStatus.Credit => Glyph.ChipHtml("Credit", color: "info", icon: Icons.Material.Filled.Savings),
            InvoiceStatus.NothingToPay => Glyph.ChipHtml("Nothing to pay", color: "success", variant: "outlined"),
            _ => Glyph.ChipHtml("Due", color: "warning", variant: "outlined", icon: Icons.Material.Filled.Schedule),
        };
        return (RenderFragment)(builder => builder.AddMarkupContent(0, html));
    });

    public static RenderFragment For(InvoiceStatus status) => Chips[status];
}
