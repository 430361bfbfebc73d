using LoyaltyPortal.Components.Shared;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Referrals;

/// <summary>The texts of invitations, referral codes and the manager's referral chains (ReferralsText.resx and its languages).</summary>
public sealed class ReferralsText;

public static class ReferralWords
{
    /// <summary>
    /// The same resources for <see cref="ReferralAttribution"/>, which is static and called without services: like a
    /// generated resource class, it answers in the current UI culture.
    /// </summary>
    internal static IStringLocalizer<ReferralsText> Static => StaticText<ReferralsText>.Localizer;

    /// <summary>"Referred 3 people, 2 converted."</summary>
    public static string ReferredCount(this IStringLocalizer<ReferralsText> text, MemberReferralSummary summary) => summary.Referred switch
    {
        0 => text["Referred nobody yet."],
        1 => text["Referred 1 person, {0} converted.", summary.Converted],
        _ => text["Referred {0} people, {1} converted.", summary.Referred, summary.Converted],
    };
}
