using System.Globalization;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>Reads and formats as a German-speaking person's request does, until disposed.</summary>
public sealed class SetupGerman : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture, uiCulture = CultureInfo.CurrentUICulture;

    private SetupGerman() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

    public static SetupGerman Use() => new();

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
}
