using LoyaltyPortal.Data;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Progress;

/// <summary>Rules, caps and achievements in plain words, the way a manager would explain them to a colleague, in the reader's language.</summary>
public static class ProgressRuleText
{
    public static string RuleLabel(this IStringLocalizer<ProgressManageText> text, ActivityType type) => type switch
    {
        ActivityType.Joined => text["Head start on joining"],
        ActivityType.Visit => text["Store visit"],
        ActivityType.Purchase => text["Purchase (per currency unit)"],
        ActivityType.EventAttended => text["Event attended"],
        ActivityType.TrialCompleted => text["Trial completed with feedback"],
        ActivityType.GuidanceSession => text["Expert guidance session"],
        ActivityType.ReferralConverted => text["Referred friend's first visit"],
        ActivityType.GuestBrought => text["Guest brought to an event"],
        ActivityType.FeedbackGiven => text["Feedback on an experience"],
        ActivityType.ProfileCompleted => text["Profile completed"],
        ActivityType.TrialHandedOut => text["Trial picked up"],
        ActivityType.TrialReturned => text["Trial returned"],
        _ => type.ToString(),
    };

    public static string RuleHint(this IStringLocalizer<ProgressManageText> text, ActivityType type) => type switch
    {
        ActivityType.Joined => text["Once, to every new member, so nobody starts from zero."],
        ActivityType.Purchase => text["For each whole pound spent: £24.99 counts as 24."],
        ActivityType.ProfileCompleted => text["Once, when a member fills in their profile; it helps toward the first tier."],
        ActivityType.ReferralConverted => text["When a friend who joined with the member's referral code first visits or buys; once per friend."],
        ActivityType.TrialCompleted => text["When a trial product comes back and the member tells us how it went."],
        _ => "",
    };

    /// <summary>"No cap", "1 per day per store", "4 per month".</summary>
    public static string Cap(this IStringLocalizer<ProgressManageText> text, int? count, CapPeriod period, bool perStore) =>
        (count, period, perStore) switch
        {
            (null, _, _) or (_, CapPeriod.None, _) => text["No cap"],
            (_, CapPeriod.Day, false) => text["{0:N0} per day", count],
            (_, CapPeriod.Day, true) => text["{0:N0} per day per store", count],
            (_, CapPeriod.Week, false) => text["{0:N0} per week", count],
            (_, CapPeriod.Week, true) => text["{0:N0} per week per store", count],
            (_, _, false) => text["{0:N0} per month", count],
            _ => text["{0:N0} per month per store", count],
        };

    /// <summary>The achievement's rule as an instruction: "Attend 3 events within 30 days".</summary>
    public static string Achievement(this IStringLocalizer<ProgressManageText> text, ActivityType type, int target, int? windowDays)
    {
        var one = target == 1;
        string what = type switch
        {
            ActivityType.Joined => text["Join the programme"],
            ActivityType.ProfileCompleted => text["Complete the profile"],
            ActivityType.TrialHandedOut => one ? text["Pick up a trial"] : text["Pick up {0:N0} trials", target],
            ActivityType.TrialReturned => one ? text["Return a trial"] : text["Return {0:N0} trials", target],
            ActivityType.Visit => one ? text["Visit a store"] : text["Visit a store {0:N0} times", target],
            ActivityType.Purchase => one ? text["Make a purchase"] : text["Make {0:N0} purchases", target],
            ActivityType.EventAttended => one ? text["Attend an event"] : text["Attend {0:N0} events", target],
            ActivityType.TrialCompleted => one ? text["Complete a trial"] : text["Complete {0:N0} trials", target],
            ActivityType.GuidanceSession => one ? text["Have an expert session"] : text["Have {0:N0} expert sessions", target],
            ActivityType.ReferralConverted => one ? text["Refer a friend who joins"] : text["Refer {0:N0} friends who join", target],
            ActivityType.GuestBrought => one ? text["Bring a guest"] : text["Bring {0:N0} guests", target],
            ActivityType.FeedbackGiven => one ? text["Give feedback"] : text["Give feedback {0:N0} times", target],
            _ => $"{type} × {target:N0}",
        };
        // Two phrases that each stand alone, so a wrapped pseudo-language text never holds another.
        return windowDays is { } days ? $"{what} {text.Within(days)}" : what;
    }

    /// <summary>"within 30 days", after the achievement's goal.</summary>
    public static string Within(this IStringLocalizer<ProgressManageText> text, int days) =>
        days == 1 ? text["within 1 day"] : text["within {0:N0} days", days];
}
