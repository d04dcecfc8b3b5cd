using Microsoft.Playwright;

namespace MyAccount.Tests.Browser;

/// <summary>WCAG 2.4.7 / 2.4.11: every control reached with Tab shows a clear ring (at least 2px, 3:1 against what is around it).</summary>
[Collection(BrowserCollection.Name)]
public sealed class FocusJourneyTests(BrowserFixture browser)
{
    /// <summary>Describes the focused control and what is wrong with its focus ring, or null when the ring is clear (text inputs draw their own border).</summary>
    private const string FocusProblem = """
        () => {
          let el = document.activeElement;
          if (!el || el === document.body) return null;
          // Text fields mark focus with their own thick primary border.
          if (el.matches('input.mud-input-root, textarea')) return null;
          // MudBlazor's focus-trap sentinels pass focus straight on to the dialog's first or last control.
          if (el.matches('.pointer-events-none')) return null;
          // MudBlazor hides a focused checkbox, switch or radio input: the ring belongs on the visible control around it.
          if (el.matches('input[type=checkbox], input[type=radio]')) el = el.closest('.mud-button-root, .mud-switch-base') ?? el;
          const style = getComputedStyle(el);
          const rgb = c => (c.match(/[\d.]+/g) ?? []).map(Number);
          const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          let background = [255, 255, 255];
          for (let node = el.parentElement; node; node = node.parentElement) {
            const c = rgb(getComputedStyle(node).backgroundColor);
            if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) { background = c; break; }
          }
          const [l1, l2] = [luminance(rgb(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
          const contrast = (l1 + 0.05) / (l2 + 0.05);
          const name = `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')} "${(el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 30)}"`;
          if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return `${name}: no focus ring (${style.outlineStyle} ${style.outlineWidth})`;
          if (contrast < 3) return `${name}: focus ring contrast ${contrast.toFixed(2)}:1`;
          return null;
        }
        """;

    private static async Task<List<string>> TabThroughAsync(IPage page, int presses)
    {
        var problems = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>(FocusProblem) is { } problem && !problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    [Fact]
    public async Task Every_control_reached_with_tab_on_the_users_tab_and_in_the_invite_dialog_shows_a_clear_focus_ring()
    {
        var page = await browser.SignedInPageAsync("admin", "/account/users");
        await page.Locator("[data-testid=edit-member]").First.WaitForAsync();

        // App bar (account switcher, sign out), tabs, search, Invite, each row's pencil and X.
        (await TabThroughAsync(page, 24)).Should().BeEmpty();

        await page.Locator("[data-testid=invite]").ClickAsync();
        await page.Locator("[data-testid=send-invitation]").WaitForAsync();
        // The dialog's fields, its product checkboxes and permission switches, Cancel and Send.
        (await TabThroughAsync(page, 16)).Should().BeEmpty();
        await page.Locator("input[type=checkbox]").First.FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, "focus-checkbox.png") });
    }
}
