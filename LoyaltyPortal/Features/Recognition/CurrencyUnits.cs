using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>
/// How many decimal places an ISO 4217 currency has: 2 for pounds and euros, 0 for yen, 3 for dinars. Read once from
/// the cultures' CLDR data, so a newly configured currency needs no table of ours.
/// </summary>
public static class CurrencyUnits
{
    /// <summary>What most currencies use, for a code no culture knows.</summary>
    private const int UsualPlaces = 2;

    private static readonly Lazy<FrozenDictionary<string, int>> Places = new(Read);

    public static int DecimalPlaces(string currency) => Places.Value.GetValueOrDefault(currency.ToUpperInvariant(), UsualPlaces);

    /// <summary>The amount in words a till or an import file reads when it has more decimals than the currency (English, for machines).</summary>
    public static string TooPrecise(string currency) => DecimalPlaces(currency) is var places && places == 0
        ? $"{currency} amounts are whole numbers; check the amount."
        : $"{currency} amounts have at most {places} decimal places; check the amount.";

    /// <summary>The same, in the reader's language, for staff at the counter.</summary>
    public static string TooPrecise(IStringLocalizer<RecognitionText> text, string currency) => DecimalPlaces(currency) is var places && places == 0
        ? text["{0} amounts are whole numbers; check the amount.", currency]
        : text["{0} amounts have at most {1} decimal places; check the amount.", currency, places];

    // The most places any culture shows: refusing a real amount is worse than accepting an unusual one.
    private static FrozenDictionary<string, int> Read() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => (Iso: RegionCurrency(c), c.NumberFormat.CurrencyDecimalDigits))
        .Where(c => c.Iso is { Length: 3 })
        .GroupBy(c => c.Iso!, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Max(c => c.CurrencyDecimalDigits), StringComparer.Ordinal);

    private static string? RegionCurrency(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
