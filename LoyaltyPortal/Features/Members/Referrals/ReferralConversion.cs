namespace LoyaltyPortal.Features.Members.Referrals;

/// <summary>
/// A referred member's first visit or purchase converts the referral; <see cref="Progress.ActivityRecorder"/> does
/// it inside the append. The referrer's credit carries this source key, so it is written once per referee.
/// </summary>
public static class ReferralConversion
{
    public static string SourceKey(int refereeMemberId) => $"referral-converted:{refereeMemberId}";
}
