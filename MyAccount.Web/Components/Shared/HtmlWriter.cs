using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace MyAccount.Web.Components.Shared;

/// <summary>
/// Writes read-only markup (a table row's cells) as one string, every text and attribute value HTML-encoded. A Blazor
/// component keeps its last two render trees in every open tab, in arrays that double as they grow: a row of cells, chips and
/// lists written in Razor is 30 to 90 frames of 40 bytes, twice over; written here it is one markup frame (README, Capacity).
/// Only what never handles an event belongs here: buttons and fields stay elements (or components) of their own.
/// </summary>
public sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(256);

    /// <summary>Opens <paramref name="tag"/>; attributes whose value is null are left out, the others are encoded.</summary>
    public HtmlWriter Open(string tag, string? @class = null, string? label = null, string? testId = null)
    {
        _html.Append('<').Append(tag);
        Attribute("data-label", label);
        Attribute("class", @class);
        Attribute("data-testid", testId);
        _html.Append('>');
        return this;
    }

    /// <summary>Opens <paramref name="tag"/> with further attributes (name, value; null values are left out).</summary>
    public HtmlWriter Open(string tag, string? @class, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _html.Append('<').Append(tag);
        Attribute("class", @class);
        foreach (var (name, value) in attributes)
        {
            Attribute(name, value);
        }

        _html.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Text, encoded.</summary>
    public HtmlWriter Text(string? text)
    {
        _html.Append(WebUtility.HtmlEncode(text));
        return this;
    }

    /// <summary>An element holding only text: <c>&lt;tag class&gt;text&lt;/tag&gt;</c>.</summary>
    public HtmlWriter Element(string tag, string? @class, string? text, string? testId = null) => Open(tag, @class, testId: testId).Text(text).Close(tag);

    /// <summary>A table cell holding only text, with the <c>data-label</c> a phone shows before it.</summary>
    public HtmlWriter Cell(string label, string? @class, string? text, string? testId = null) => Open("td", @class, label, testId).Text(text).Close("td");

    /// <summary>Markup this application built and encoded itself (<see cref="Glyph"/>'s icons and chips), never user input.</summary>
    public HtmlWriter Markup(string trusted)
    {
        _html.Append(trusted);
        return this;
    }

    public override string ToString() => _html.ToString();

    private void Attribute(string name, string? value)
    {
        if (value is not null)
        {
            _html.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
    }
}

/// <summary>
/// One markup string per item, built once and kept while the item is: both of a component's render trees then point at the
/// same string, and a re-render (a live update, a dialog closing) builds nothing. Keyed by the item's identity, so a reloaded
/// list (new items) gets new markup.
/// </summary>
public sealed class MarkupCache<T>(Func<T, string> build)
    where T : class
{
    private readonly ConditionalWeakTable<T, string> _markup = [];

    public MarkupString For(T item) => new(_markup.GetValue(item, i => build(i)));
}
