using System.Globalization;
using LoyaltyPortal.Data;
using MudBlazor;

namespace LoyaltyPortal.Components.Shared;

/// <summary>How an activity reads to a person, wherever the ledger is shown.</summary>
public static class ActivityText
{
    private static readonly CultureInfo Money = CultureInfo.GetCultureInfo("en-GB");

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
        currency is null || currency == Money.NumberFormat.CurrencySymbol || currency == "GBP"
            ? Amount(amount)
            : $"{currency} {amount.ToString("N2", Money)}";
}
