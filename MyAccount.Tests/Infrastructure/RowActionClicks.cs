using AngleSharp.Dom;
using Bunit;
using MyAccount.Web.Components.Shared;

namespace MyAccount.Tests.Infrastructure;

/// <summary>
/// A click on a row's action button as a browser reports it. In the app, <c>wwwroot/MyAccount.Web.lib.module.js</c> turns the
/// click into a <c>rowaction</c> event on the table body carrying the button's data-action and data-row (the browser tests
/// click real buttons through it); bUnit has no browser, so this raises the same event with the same values. Disabled buttons
/// get no click, as in a browser.
/// </summary>
public static class RowActionClicks
{
    public static void ClickRowAction(this IElement button)
    {
        if (button.HasAttribute("disabled"))
        {
            return;
        }

        var body = button.Closest("tbody") ?? throw new InvalidOperationException("The button is not in a table body.");
        // Like bUnit's Click(): the handler may wait on a dialog the test answers next, so only a handler that already failed is
        // rethrown; tests wait for its effects with WaitForAssertion.
        var handled = body.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = button.GetAttribute("data-action"), Row = button.GetAttribute("data-row") });
        if (handled.IsFaulted)
        {
            handled.GetAwaiter().GetResult();
        }
    }
}
