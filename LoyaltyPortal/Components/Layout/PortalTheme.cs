using MudBlazor;

namespace LoyaltyPortal.Components.Layout;

/// <summary>Brand colours, chosen for WCAG AA contrast in both modes.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0B6E4F",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#8A4B08",
            Tertiary = "#5B3F8C",
            AppbarBackground = "#0B6E4F",
            AppbarText = "#FFFFFF",
            Background = "#F6F8F7",
            DrawerBackground = "#FFFFFF",
            TextSecondary = "rgba(0,0,0,0.68)",
            // MudBlazor's default status colours put white text on mid-tones (3:1); these keep snackbars and alerts at AA.
            Success = "#2E7D32",
            SuccessContrastText = "#FFFFFF",
            Info = "#1565C0",
            InfoContrastText = "#FFFFFF",
            Warning = "#9A5700",
            WarningContrastText = "#FFFFFF",
            Error = "#C62828",
            ErrorContrastText = "#FFFFFF",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5FD3A7",
            PrimaryContrastText = "#062A1E",
            Secondary = "#F2B56B",
            SecondaryContrastText = "#2A1700",
            Tertiary = "#C5A8F0",
            TertiaryContrastText = "#1E1036",
            AppbarBackground = "#14211C",
            AppbarText = "#E8F3EE",
            Background = "#0F1714",
            Surface = "#17221E",
            DrawerBackground = "#14211C",
            TextSecondary = "rgba(255,255,255,0.72)",
            Success = "#66D18F",
            SuccessContrastText = "#062A12",
            Info = "#82B1FF",
            InfoContrastText = "#0A1F44",
            Warning = "#FFB74D",
            WarningContrastText = "#2A1700",
            Error = "#FF8A80",
            ErrorContrastText = "#3B0000",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
