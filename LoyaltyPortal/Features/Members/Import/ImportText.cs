using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Import;

/// <summary>The texts of the member import page, its row checks and error report (ImportText.resx and its languages).</summary>
public sealed class ImportText;

/// <summary>How import fields read, in the reader's language.</summary>
public static class ImportWords
{
    public static string Field(this IStringLocalizer<ImportText> text, ImportField field) => field switch
    {
        ImportField.ExternalId => text["External id"],
        ImportField.PreferredName => text["Preferred name"],
        ImportField.Email => text["Email"],
        ImportField.Phone => text["Phone"],
        ImportField.Store => text["Home store (name or number)"],
        ImportField.JoinedOn => text["Joined on"],
        ImportField.MarketingConsent => text["Marketing consent"],
        ImportField.LastVisitOn => text["Last visit on"],
        ImportField.LifetimeSpend => text["Lifetime spend"],
        ImportField.Currency => text["Spend currency"],
        ImportField.TierToHonour => text["Tier to honour"],
        _ => field.ToString(),
    };
}
