using MudBlazor;

namespace MyAccount.Web.Components.Layout;

/// <summary>The portal's theme: MudBlazor defaults with the system sans-serif font (no web font offline).</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e4fa8",
            AppbarBackground = "#1e4fa8",
            // Darker than MudBlazor's defaults so text and chips meet WCAG AA contrast (axe runs on every page in the browser tests).
            Secondary = "#7b1fa2",
            Success = "#1b5e20",
            Warning = "#8a4b00",
            Error = "#b71c1c",
            Info = "#01579b",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
