// Blazor JS initializer (loaded by blazor.web.js for this assembly).
// "rowaction": one listener per table body instead of a handler per button (RowActions.cs). It is a click, reported with the
// data-action and data-row of the nearest enabled action button around what was clicked; clicks elsewhere report no action.
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('rowaction', {
        browserEventName: 'click',
        createEventArgs: event => {
            const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
            return button && !button.disabled
                ? { action: button.dataset.action ?? null, row: button.dataset.row ?? null }
                : { action: null, row: null };
        },
    });
}
