using System.Globalization;

namespace LoyaltyPortal.Tests.Components.Shared;

/// <summary>
/// Reads as a person in another language would until disposed: the culture and UI culture the request or circuit
/// would set. Async code started inside carries it along.
/// </summary>
public sealed class ReaderCultureScope : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    private ReaderCultureScope(string name) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public static ReaderCultureScope German() => new("de-DE");

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
}
