using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Components;

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
    public static RenderFragment Icon(string svg, string size = "medium", string? @class = null) => builder => builder.AddMarkupContent(0, IconHtml(svg, size, @class));

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
            builder.AddMarkupContent(3, IconHtml(icon, "small", "mud-chip-icon"));
        }

        builder.OpenElement(10, "span");
        builder.AddAttribute(11, "class", "mud-chip-content");
        builder.AddContent(12, text);
        builder.CloseElement();
        builder.CloseElement();
    };

    // An icon is one markup frame, not six (an element and its attributes): a table's rows keep every frame in the tab's render
    // buffers. The markup is built once per icon, size and class (a few dozen, all constants in the pages) and shared by all tabs.
    private static readonly ConcurrentDictionary<(string Svg, string Size, string? Class), string> IconMarkup = new();

    private static string IconHtml(string svg, string size, string? @class) => IconMarkup.GetOrAdd((svg, size, @class), key =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{WebUtility.HtmlEncode(key.Size)}{(key.Class is null ? "" : " " + WebUtility.HtmlEncode(key.Class))}\" " +
        $"focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Svg}</svg>");
}
