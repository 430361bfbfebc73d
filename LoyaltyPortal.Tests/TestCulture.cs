using System.Globalization;

namespace LoyaltyPortal.Tests;

/// <summary>Reads as a German reader would, until disposed: the UI culture and formatting the request localisation sets.</summary>
public sealed class TestCulture : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture, uiCulture = CultureInfo.CurrentUICulture;

    private TestCulture(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public static TestCulture German() => new("de-DE");

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
}
