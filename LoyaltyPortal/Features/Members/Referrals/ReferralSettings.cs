namespace LoyaltyPortal.Features.Members.Referrals;

public sealed class ReferralSettings
{
    public const string Section = "Referrals";

    /// <summary>How many days after joining a member may still name who referred them.</summary>
    public int LateAttributionDays { get; set; } = 30;

    /// <summary>How far up a referrer chain the circular-referral check walks; deeper chains are refused, not followed forever.</summary>
    public const int MaxChainWalk = 200;
}
