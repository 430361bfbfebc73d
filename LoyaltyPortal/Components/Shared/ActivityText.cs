using System.Collections.Concurrent;
using System.Globalization;
using LoyaltyPortal.Data;
using MudBlazor;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// How an activity reads to a person, wherever the ledger is shown. <see cref="Label"/> is the English label (a CSV
/// value, and the key of its translation in SharedText); amounts and points follow the reader's number conventions.
/// </summary>
public static class ActivityText
{
    /// <summary>The programme's own currency: pounds, written as each language writes an amount ("£24.99", "24,99 £").</summary>
    private static readonly CultureInfo ProgrammeCurrency = CultureInfo.GetCultureInfo("en-GB");

    private static readonly ConcurrentDictionary<string, NumberFormatInfo> MoneyFormats = new();

    /// <summary>The reader's number format with the programme's currency symbol; no culture (a test, a job) reads as en-GB.</summary>
    private static NumberFormatInfo Money
    {
        get
        {
            var culture = CultureInfo.CurrentCulture.Equals(CultureInfo.InvariantCulture) ? ProgrammeCurrency : CultureInfo.CurrentCulture;
            return MoneyFormats.GetOrAdd(culture.Name, _ =>
            {
                var format = (NumberFormatInfo)culture.NumberFormat.Clone();
                format.CurrencySymbol = ProgrammeCurrency.NumberFormat.CurrencySymbol;
                return NumberFormatInfo.ReadOnly(format);
            });
        }
    }

    public static string Label(ActivityType type) => type switch
    {
        ActivityType.Joined => "Joined the programme",
        ActivityType.Visit => "Visit",
        ActivityType.Purchase => "Purchase",
        ActivityType.EventAttended => "Attended an event",
        ActivityType.TrialCompleted => "Completed a trial",
        ActivityType.GuidanceSession => "Expert session",
        ActivityType.ReferralConverted => "Referred a friend",
        ActivityType.GuestBrought => "Brought a guest",
        ActivityType.FeedbackGiven => "Gave feedback",
        ActivityType.ProfileCompleted => "Completed profile",
        ActivityType.TrialHandedOut => "Picked up a trial",
        ActivityType.TrialReturned => "Returned a trial",
        ActivityType.StaffNoteAdded => "Staff note",
        ActivityType.TierCarriedOver => "Tier carried over",
        ActivityType.Refund => "Refund",
        _ => type.ToString(),
    };

    public static string Icon(ActivityType type) => type switch
    {
        ActivityType.Joined => Icons.Material.Filled.Celebration,
        ActivityType.Visit => Icons.Material.Filled.Storefront,
        ActivityType.Purchase => Icons.Material.Filled.ShoppingBag,
        ActivityType.EventAttended => Icons.Material.Filled.Event,
        ActivityType.TrialCompleted => Icons.Material.Filled.Hiking,
        ActivityType.GuidanceSession => Icons.Material.Filled.SupportAgent,
        ActivityType.ReferralConverted => Icons.Material.Filled.GroupAdd,
        ActivityType.GuestBrought => Icons.Material.Filled.People,
        ActivityType.FeedbackGiven => Icons.Material.Filled.RateReview,
        ActivityType.ProfileCompleted => Icons.Material.Filled.TaskAlt,
        ActivityType.TrialHandedOut => Icons.Material.Filled.Inventory2,
        ActivityType.TrialReturned => Icons.Material.Filled.AssignmentReturn,
        ActivityType.StaffNoteAdded => Icons.Material.Filled.StickyNote2,
        ActivityType.TierCarriedOver => Icons.Material.Filled.WorkspacePremium,
        ActivityType.Refund => Icons.Material.Filled.Undo,
        _ => Icons.Material.Filled.Circle,
    };

    /// <summary>Points with their sign: "+10" earned, "-100" taken back by a refund.</summary>
    public static string Points(int points) => points.ToString("+#,0;-#,0;0", Money);

    public static string Amount(decimal amount) => amount.ToString("C", Money);

    /// <summary>"£24.99" in the programme currency, "EUR 24.99" in another.</summary>
    public static string Amount(decimal amount, string? currency) =>
        currency is null || currency == Money.CurrencySymbol || currency == "GBP"
            ? Amount(amount)
            : $"{currency} {amount.ToString("N2", Money)}";
}
