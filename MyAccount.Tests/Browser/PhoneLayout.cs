using Microsoft.Playwright;

namespace MyAccount.Tests.Browser;

/// <summary>
/// What a 390 px phone shows, measured in the page: no label (header cell, field label, chip, tab) breaks inside a word, values
/// break inside a word only when the word alone is wider than its cell, MudTable's phone labels cannot wrap, and nothing pushes
/// the page wider than the screen (a table may scroll sideways only inside a labelled region a keyboard can reach).
/// </summary>
internal static class PhoneLayout
{
    public const int Width = 390;
    public const int Height = 844;

    public static async Task<IPage> OpenAsync(BrowserFixture browser, string persona, string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl, ViewportSize = new ViewportSize { Width = Width, Height = Height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/dev/signin?persona={persona}&returnUrl={Uri.EscapeDataString(path)}");
        await BrowserFixture.WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>Each problem found, as a sentence naming the element and the word; empty when the page reads well.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(Script);

    private const string Script = """
        () => {
          const problems = [];
          const labels = 'th, .mud-input-label, .mud-chip-content, .account-tab';
          const describe = el => `${el.tagName.toLowerCase()}${el.dataset.label ? `[data-label=${el.dataset.label}]` : ''} "${el.textContent.trim().slice(0, 40)}"`;
          const unbrokenWidth = (parent, word) => {
            const probe = document.createElement('span');
            probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
            probe.textContent = word;
            parent.appendChild(probe);
            const width = probe.getBoundingClientRect().width;
            probe.remove();
            return width;
          };
          for (const el of document.querySelectorAll(`${labels}, td`)) {
            if (el.getClientRects().length === 0) continue;
            const isLabel = el.matches(labels);
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (node.parentElement.closest('.visually-hidden')) continue;
              for (const m of node.textContent.matchAll(/\S+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1 && (isLabel || unbrokenWidth(node.parentElement, m[0]) <= el.clientWidth)) {
                  problems.push(`${describe(el)}: "${m[0]}" is broken across ${lines.size} lines`);
                }
              }
            }
          }
          // MudTable's phone layout shows each header as its cell's ::before (data-label): it must not wrap, nor push the cell wider.
          for (const td of document.querySelectorAll('td[data-label]')) {
            if (td.getClientRects().length === 0) continue;
            const before = getComputedStyle(td, '::before');
            if (before.content === 'none' || before.display === 'none') continue;
            if (before.whiteSpace !== 'nowrap') problems.push(`${describe(td)}: its phone label may wrap (white-space: ${before.whiteSpace})`);
            if (td.scrollWidth > td.clientWidth + 1) problems.push(`${describe(td)}: content overflows the cell (${td.scrollWidth} > ${td.clientWidth})`);
          }
          for (const container of document.querySelectorAll('.mud-table-container')) {
            // A grid of numbers wider than the screen may scroll sideways inside a region of its own that a keyboard can reach
            // (tabindex=0) and a screen reader names (aria-label); anywhere else a table must fit.
            const region = container.closest('[role=region][tabindex="0"][aria-label]');
            if (region && getComputedStyle(region).overflowX === 'auto' && region.clientWidth <= window.innerWidth) continue;
            if (container.scrollWidth > container.clientWidth + 1) {
              problems.push(`table "${container.closest('.mud-table')?.getAttribute('aria-label') ?? ''}" scrolls sideways (${container.scrollWidth} > ${container.clientWidth})`);
            }
          }
          if (document.documentElement.scrollWidth > window.innerWidth) {
            problems.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${window.innerWidth}px screen`);
          }
          return problems;
        }
        """;
}
