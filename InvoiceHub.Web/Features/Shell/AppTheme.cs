using MudBlazor;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>
/// InvoiceHub's MudBlazor theme: the company's green as the brand colour, light and dark. Every colour pair here was
/// chosen for WCAG 2.1 AA contrast (4.5:1 for text); Pay Now uses <see cref="Color.Success"/>, which stays green.
/// </summary>
public static class AppTheme
{
    public const string Brand = "#1d6f42";

    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Brand,
            Secondary = "#44546a",
            Success = "#1b7a43",
            Info = "#0b5cad",
            Warning = "#8a5300",
            Error = "#b3261e",
            AppbarBackground = Brand,
            AppbarText = "#ffffff",
            DrawerBackground = "#1f2933",
            DrawerText = "#e4e7eb",
            DrawerIcon = "#e4e7eb",
            Background = "#f4f6f8",
            TextSecondary = "rgba(0,0,0,0.68)",
            ActionDefault = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6fcf97",
            PrimaryContrastText = "#0b1f14",
            Secondary = "#b0bccb",
            Success = "#1b7a43",
            SuccessContrastText = "#ffffff",
            Info = "#7cb8f2",
            Warning = "#f2b866",
            Error = "#f28b82",
            ErrorContrastText = "#2b0a08",
            AppbarBackground = "#14301f",
            AppbarText = "#ffffff",
            DrawerBackground = "#1a1f24",
            DrawerText = "#e4e7eb",
            DrawerIcon = "#e4e7eb",
            TextSecondary = "rgba(255,255,255,0.75)",
            ActionDefault = "rgba(255,255,255,0.75)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
    };
}
