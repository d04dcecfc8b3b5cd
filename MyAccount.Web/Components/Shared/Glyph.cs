using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace MyAccount.Web.Components.Shared;

/// <summary>
/// MudBlazor's look without a component. Every open tab keeps its components alive in its circuit, and each costs a few KB
/// of render-tree buffers however little it shows (README, Capacity). What only shows something (an icon, a chip, a heading)
/// is written as the markup MudBlazor would render, with MudBlazor's classes, through these fragments: they add frames to
/// the component that uses them and nothing else.
/// </summary>
public static class Glyph
{
    /// <summary>An SVG icon from <c>Icons.Material.*</c>, decorative (hidden from screen readers), as MudIcon renders it.</summary>
    public static RenderFragment Icon(string svg, string size = "medium", string? @class = null) => builder => AddIcon(builder, svg, size, @class);

    /// <summary>
    /// A chip as a display-only MudChip renders it: <paramref name="variant"/> filled, outlined or text; <paramref name="color"/> a
    /// palette name (default, primary, info, success, warning, error...); small or medium; an optional icon before the text.
    /// </summary>
    public static RenderFragment Chip(string text, string color = "default", string variant = "filled", string size = "small", string? icon = null,
        string? @class = null, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", $"mud-chip mud-chip-{variant} mud-chip-size-{size} mud-chip-color-{color} {@class}".TrimEnd());
        if (testId is not null)
        {
            builder.AddAttribute(2, "data-testid", testId);
        }

        if (icon is not null)
        {
            builder.OpenRegion(3);
            AddIcon(builder, icon, "small", "mud-chip-icon");
            builder.CloseRegion();
        }

        builder.OpenElement(10, "span");
        builder.AddAttribute(11, "class", "mud-chip-content");
        builder.AddContent(12, text);
        builder.CloseElement();
        builder.CloseElement();
    };

    private static void AddIcon(RenderTreeBuilder builder, string svg, string size, string? @class)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root mud-svg-icon mud-icon-size-{size} {@class}".TrimEnd());
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, svg);
        builder.CloseElement();
    }
}
