using System.Diagnostics;
using Microsoft.Playwright;

namespace MyAccount.Tests.Cluster;

/// <summary>
/// Waits for a change inside the page itself (a MutationObserver), so the moment a live update lands is seen when the DOM
/// changes, not at a polling interval. Start the watch before the action: a change that comes first is found at once.
/// </summary>
public static class PageWatch
{
    private const string Script = """
        ([selector, containing, except]) => new Promise(resolve => {
            const find = () => {
                for (const element of document.querySelectorAll(selector)) {
                    const text = element.textContent.trim();
                    if ((containing === null || text.includes(containing)) && !except.includes(text)) {
                        return text;
                    }
                }
                return null;
            };
            const found = find();
            if (found !== null) {
                resolve(found);
                return;
            }
            const observer = new MutationObserver(() => {
                const text = find();
                if (text !== null) {
                    observer.disconnect();
                    resolve(text);
                }
            });
            observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
        })
        """;

    /// <summary>
    /// The text of the first element matching <paramref name="selector"/> whose text contains <paramref name="containing"/> (any
    /// text when null) and is none of <paramref name="except"/>, with the <paramref name="watch"/>'s time when the test saw it.
    /// </summary>
    public static async Task<(string Text, TimeSpan At)> WhenAsync(IPage page, Stopwatch watch, string selector, string? containing = null,
        IEnumerable<string>? except = null)
    {
        var text = await page.EvaluateAsync<string>(Script, new object?[] { selector, containing, (except ?? []).ToArray() });
        return (text, watch.Elapsed);
    }
}
