using System.Globalization;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// The culture numbers and dates are written in for the person reading: the request's or circuit's culture, and
/// the programme's own (English as in the UK) where there is none (a test, a background job).
/// </summary>
public static class ReaderCulture
{
    private static readonly CultureInfo Programme = CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo Current =>
        CultureInfo.CurrentCulture.Equals(CultureInfo.InvariantCulture) ? Programme : CultureInfo.CurrentCulture;
}
