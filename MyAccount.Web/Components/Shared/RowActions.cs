using Microsoft.AspNetCore.Components;

namespace MyAccount.Web.Components.Shared;

/// <summary>
/// What a click on a row's action button asks for: the button's <c>data-action</c> and its row's <c>data-row</c>. A
/// <see cref="LiteTable{T}"/> with <c>OnRowAction</c> listens once, on its body, for the <c>rowaction</c> event that
/// <c>wwwroot/MyAccount.Web.lib.module.js</c> registers (a click, reported with the nearest enabled
/// <c>button[data-action]</c> around its target). The buttons are then part of the row's markup string (<see cref="HtmlWriter"/>),
/// where a handler per button kept about a dozen frames, a delegate and an event-handler entry per button in every open tab
/// (README, Capacity). Both values come from the browser: handlers act only on a row they listed, and the services check again.
/// </summary>
public sealed class RowActionEventArgs : EventArgs
{
    /// <summary>The button's <c>data-action</c> ("edit", "remove"...), or null when the click was not on an action button.</summary>
    public string? Action { get; set; }

    /// <summary>The button's <c>data-row</c>: the row's id as the table wrote it.</summary>
    public string? Row { get; set; }
}

/// <summary>
/// Typing in an <c>&lt;input data-search-pause="300"&gt;</c> that then paused that many milliseconds: <c>@onsearchpause</c>, with
/// the field's value. The pause is timed in the browser (<c>wwwroot/MyAccount.Web.lib.module.js</c>), so the circuit gets one
/// event per pause rather than one per keystroke and holds no timer.
/// </summary>
public sealed class SearchPauseEventArgs : EventArgs
{
    public string? Value { get; set; }
}

/// <summary>
/// The custom events the Razor compiler knows (it looks for a class of exactly this name; with another name it silently writes
/// the attribute as a string): <c>@onrowaction</c> and <c>@onsearchpause</c>.
/// </summary>
[EventHandler("onrowaction", typeof(RowActionEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("onsearchpause", typeof(SearchPauseEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
