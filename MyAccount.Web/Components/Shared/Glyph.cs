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
        string? @class = null, string? testId = null) => builder => builder.AddMarkupContent(0, ChipHtml(text, color, variant, size, icon, @class, testId));

    /// <summary><see cref="Chip"/> as markup, for <see cref="HtmlWriter"/>: the text and attributes encoded.</summary>
    public static string ChipHtml(string text, string color = "default", string variant = "filled", string size = "small", string? icon = null,
        string? @class = null, string? testId = null)
    {
        var html = new HtmlWriter().Open("span", $"mud-chip mud-chip-{variant} mud-chip-size-{size} mud-chip-color-{color} {@class}".TrimEnd(), testId: testId);
        if (icon is not null)
        {
            html.Markup(IconHtml(icon, "small", "mud-chip-icon"));
        }

        return html.Element("span", "mud-chip-content", text).Close("span").ToString();
    }

    /// <summary>
    /// What goes inside a <c>&lt;button&gt;</c> with MudIconButton's classes: <c>mud-icon-button-label</c> around the icon. One
    /// markup frame, built once per icon and size.
    /// </summary>
    public static RenderFragment IconButtonLabel(string svg, string size = "small") => builder => builder.AddMarkupContent(0, IconButtonLabelHtml(svg, size));

    /// <summary><see cref="IconButtonLabel"/> as markup, for <see cref="HtmlWriter"/>.</summary>
    public static string IconButtonLabelHtml(string svg, string size = "small") => ButtonLabels.GetOrAdd((svg, size, null), key =>
        $"<span class=\"mud-icon-button-label\">{IconHtml(key.Svg, key.Size, null)}</span>");

    /// <summary>
    /// What goes inside a <c>&lt;button&gt;</c> with MudButton's classes: the label with a start icon and its text. One markup
    /// frame, built once per icon, size and text (the texts are the pages' constants: "Resend", "Revoke").
    /// </summary>
    public static RenderFragment ButtonLabel(string text, string startIcon, string size = "small") => builder =>
        builder.AddMarkupContent(0, ButtonLabelHtml(text, startIcon, size));

    /// <summary><see cref="ButtonLabel"/> as markup, for <see cref="HtmlWriter"/>.</summary>
    public static string ButtonLabelHtml(string text, string startIcon, string size = "small") => ButtonLabels.GetOrAdd((startIcon, size, text), key =>
        $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-{WebUtility.HtmlEncode(key.Size)}\">" +
        $"{IconHtml(key.Svg, key.Size, null)}</span>{WebUtility.HtmlEncode(key.Text)}</span>");

    private static readonly ConcurrentDictionary<(string Svg, string Size, string? Text), string> ButtonLabels = new();

    /// <summary>An icon's markup (<see cref="Icon"/>), for <see cref="HtmlWriter"/>.</summary>
    public static string IconHtml(string svg, string size = "medium", string? @class = null) => IconMarkup.GetOrAdd((svg, size, @class), key =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{WebUtility.HtmlEncode(key.Size)}{(key.Class is null ? "" : " " + WebUtility.HtmlEncode(key.Class))}\" " +
        $"focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Svg}</svg>");

    // An icon is one markup frame, not six (an element and its attributes): a table's rows keep every frame in the tab's render
    // buffers. The markup is built once per icon, size and class (a few dozen, all constants in the pages) and shared by all tabs.
    private static readonly ConcurrentDictionary<(string Svg, string Size, string? Class), string> IconMarkup = new();
}
