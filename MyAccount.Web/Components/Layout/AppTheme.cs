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
