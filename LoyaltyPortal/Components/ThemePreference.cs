namespace LoyaltyPortal.Components;

/// <summary>
/// Light or dark, remembered in a cookie so that static pages (sign-in, errors) render in the same
/// mode as the interactive app, with no flash on load.
/// </summary>
public sealed class ThemePreference(bool isDark)
{
    public const string CookieName = "lp-theme";

    public bool IsDark { get; private set; } = isDark;

    public event Action? Changed;

    public void Set(bool dark)
    {
        if (IsDark == dark) return;
        IsDark = dark;
        Changed?.Invoke();
    }

    public static bool FromCookie(string? cookieValue) => cookieValue == "dark";
}
