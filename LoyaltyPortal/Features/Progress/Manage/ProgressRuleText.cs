using System.Globalization;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Progress;

/// <summary>Rules, caps and achievements in plain words, the way a manager would explain them to a colleague.</summary>
public static class ProgressRuleText
{
    public static string RuleLabel(ActivityType type) => type switch
    {
        ActivityType.Joined => "Head start on joining",
        ActivityType.Visit => "Store visit",
        ActivityType.Purchase => "Purchase (per currency unit)",
        ActivityType.EventAttended => "Event attended",
        ActivityType.TrialCompleted => "Trial completed with feedback",
        ActivityType.GuidanceSession => "Expert guidance session",
        ActivityType.ReferralConverted => "Referred friend's first visit",
        ActivityType.GuestBrought => "Guest brought to an event",
        ActivityType.FeedbackGiven => "Feedback on an experience",
        ActivityType.ProfileCompleted => "Profile completed",
        ActivityType.TrialHandedOut => "Trial picked up",
        ActivityType.TrialReturned => "Trial returned",
        _ => type.ToString(),
    };

    public static string RuleHint(ActivityType type) => type switch
    {
        ActivityType.Joined => "Once, to every new member, so nobody starts from zero.",
        ActivityType.Purchase => "For each whole pound spent: £24.99 counts as 24.",
        ActivityType.ProfileCompleted => "Once, when a member fills in their profile; it helps toward the first tier.",
        ActivityType.ReferralConverted => "When a friend who joined with the member's referral code first visits or buys; once per friend.",
        ActivityType.TrialCompleted => "When a trial product comes back and the member tells us how it went.",
        _ => "",
    };

    /// <summary>"No cap", "1 per day per store", "4 per month".</summary>
    public static string Cap(int? count, CapPeriod period, bool perStore) =>
        count is not { } cap || period == CapPeriod.None
            ? "No cap"
            : $"{cap.ToString("N0", CultureInfo.InvariantCulture)} per {period.ToString().ToLowerInvariant()}{(perStore ? " per store" : "")}";

    /// <summary>The achievement's rule as an instruction: "Attend 3 events within 30 days".</summary>
    public static string Achievement(ActivityType type, int target, int? windowDays)
    {
        var n = target.ToString("N0", CultureInfo.InvariantCulture);
        var what = type switch
        {
            ActivityType.Joined => "Join the programme",
            ActivityType.ProfileCompleted => "Complete the profile",
            ActivityType.TrialHandedOut => target == 1 ? "Pick up a trial" : $"Pick up {n} trials",
            ActivityType.TrialReturned => target == 1 ? "Return a trial" : $"Return {n} trials",
            ActivityType.Visit => target == 1 ? "Visit a store" : $"Visit a store {n} times",
            ActivityType.Purchase => target == 1 ? "Make a purchase" : $"Make {n} purchases",
            ActivityType.EventAttended => target == 1 ? "Attend an event" : $"Attend {n} events",
            ActivityType.TrialCompleted => target == 1 ? "Complete a trial" : $"Complete {n} trials",
            ActivityType.GuidanceSession => target == 1 ? "Have an expert session" : $"Have {n} expert sessions",
            ActivityType.ReferralConverted => target == 1 ? "Refer a friend who joins" : $"Refer {n} friends who join",
            ActivityType.GuestBrought => target == 1 ? "Bring a guest" : $"Bring {n} guests",
            ActivityType.FeedbackGiven => target == 1 ? "Give feedback" : $"Give feedback {n} times",
            _ => $"{type} × {n}",
        };
        return windowDays is { } days ? $"{what} within {Days(days)}" : what;
    }

    public static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString("N0", CultureInfo.InvariantCulture)} days";
}
