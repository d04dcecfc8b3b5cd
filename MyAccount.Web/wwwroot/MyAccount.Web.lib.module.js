// Blazor JS initializer (loaded by blazor.web.js for this assembly).
// "rowaction": one listener per table body instead of a handler per button (RowActions.cs). It is a click, reported with the
// data-action and data-row of the nearest enabled action button around what was clicked; clicks elsewhere report no action.
// "searchpause": typing in an <input data-search-pause="ms"> that then pauses that long (SearchPauseEventArgs): the pause is
// timed here, in the browser, so the circuit gets one event per pause instead of one per keystroke and keeps no timer.
const searchPauseTimers = new WeakMap();

function onSearchInput(event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.searchPause) {
        return;
    }

    clearTimeout(searchPauseTimers.get(input));
    searchPauseTimers.set(input, setTimeout(() => {
        searchPauseTimers.delete(input);
        input.dispatchEvent(new CustomEvent('searchpause', { bubbles: true }));
    }, Number(input.dataset.searchPause) || 300));
}

export function afterWebStarted(blazor) {
    document.addEventListener('input', onSearchInput, true);
    blazor.registerCustomEventType('searchpause', {
        createEventArgs: event => ({ value: event.target instanceof HTMLInputElement ? event.target.value : null }),
    });
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
