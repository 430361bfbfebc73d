using LoyaltyPortal.Data;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// The words of the ledger's own activity descriptions (ActivityDescriptionText.resx and its languages). The ledger
/// keeps them as English sentences (exports and webhooks read them as written); <see cref="Read"/> shows the ones the
/// portal writes in the reader's language.
/// </summary>
public sealed class ActivityDescriptionText
{
    private static readonly (ActivityType[] Types, string Prefix, string Suffix, string Key)[] Known =
    [
        ([ActivityType.Visit], "Welcomed at ", "", "Welcomed at {0}"),
        ([ActivityType.Purchase, ActivityType.Refund], "At ", "", "At {0}"),
        ([ActivityType.Purchase], "Kept after trial: ", "", "Kept after trial: {0}"),
        ([ActivityType.ReferralConverted], "", " made their first visit", "{0} made their first visit"),
        ([ActivityType.ReferralConverted], "", " made their first purchase", "{0} made their first purchase"),
    ];

    /// <summary>
    /// A description as the reader reads it: one the portal wrote ("Welcomed at Covent Garden") in their language, with
    /// its store or name kept; anything else (a benefit's title, an imported note) as it was written.
    /// </summary>
    public static string? Read(IStringLocalizer<ActivityDescriptionText> text, ActivityType type, string? description)
    {
        if (string.IsNullOrEmpty(description)) return description;
        foreach (var (types, prefix, suffix, key) in Known)
        {
            if (!types.Contains(type) || description.Length <= prefix.Length + suffix.Length
                || !description.StartsWith(prefix, StringComparison.Ordinal) || !description.EndsWith(suffix, StringComparison.Ordinal)) continue;
            return text[key, description[prefix.Length..^suffix.Length]];
        }
        return description;
    }
}
