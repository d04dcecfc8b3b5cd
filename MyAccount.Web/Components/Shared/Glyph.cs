using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;

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

    /// <summary>
    /// An icon's markup (<see cref="Icon"/>), for <see cref="HtmlWriter"/>. Icons in <see cref="Masked"/> are an empty span
    /// painted by <see cref="MaskCss"/> instead of an inline SVG: a row's markup string holds its own copy of everything in it,
    /// and an SVG path is a few hundred characters in every row of every open tab, where the span is a class name.
    /// </summary>
    public static string IconHtml(string svg, string size = "medium", string? @class = null) => IconMarkup.GetOrAdd((svg, size, @class), key =>
        Masked.TryGetValue(key.Svg, out var name)
            ? $"<span class=\"mud-icon-root mud-icon-size-{WebUtility.HtmlEncode(key.Size)} glyph-mask glyph-{name}{(key.Class is null ? "" : " " + WebUtility.HtmlEncode(key.Class))}\" aria-hidden=\"true\"></span>"
            : $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{WebUtility.HtmlEncode(key.Size)}{(key.Class is null ? "" : " " + WebUtility.HtmlEncode(key.Class))}\" " +
              $"focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Svg}</svg>");

    /// <summary>The icons the tables' rows show, drawn by CSS (<see cref="MaskCss"/>): the row's own color, MudBlazor's sizes.</summary>
    private static readonly Dictionary<string, string> Masked = new()
    {
        [Icons.Material.Filled.Edit] = "edit",
        [Icons.Material.Filled.Close] = "close",
        [Icons.Material.Filled.Send] = "send",
        [Icons.Material.Filled.Cancel] = "cancel",
        [Icons.Material.Filled.PersonAdd] = "person-add",
        [Icons.Material.Filled.CreditCard] = "credit-card",
    };

    /// <summary>
    /// The stylesheet for <see cref="Masked"/> icons, built once: each icon's SVG as a mask over the text color. Rendered by
    /// <c>App</c> in the page's head, once per page load and outside the circuit.
    /// </summary>
    public static readonly string MaskCss = string.Concat(
        [
            ".glyph-mask{background-color:currentColor;-webkit-mask:var(--glyph) center/contain no-repeat;mask:var(--glyph) center/contain no-repeat}",
            "@media (forced-colors:active){.glyph-mask{forced-color-adjust:none;background-color:CanvasText}}",
            .. Masked.Select(icon => $".glyph-{icon.Value}{{--glyph:url(\"data:image/svg+xml,{Uri.EscapeDataString($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">{icon.Key}</svg>")}\")}}"),
        ]);

    // An icon is one markup frame, not six (an element and its attributes): a table's rows keep every frame in the tab's render
    // buffers. The markup is built once per icon, size and class (a few dozen, all constants in the pages) and shared by all tabs.
    private static readonly ConcurrentDictionary<(string Svg, string Size, string? Class), string> IconMarkup = new();
}
