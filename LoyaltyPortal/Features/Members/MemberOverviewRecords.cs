using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Features.Members;

/// <summary>Where the member's account stands, for the manager's header chip.</summary>
public enum MemberStatus
{
    Active,

    /// <summary>Enrolled at the counter and has not claimed an online account.</summary>
    NoLogin,

    /// <summary>Has a login that a manager deactivated.</summary>
    LoginDeactivated,

    /// <summary>Deleted their account; personal data is gone.</summary>
    Anonymised,
}

/// <summary>
/// The newest rows of one kind and how many there are in all. <see cref="Total"/> is counted up to
/// <see cref="MemberOverviewService.MaxCounted"/>; <see cref="MoreThanCounted"/> says there are more.
/// </summary>
public sealed record LatestRows<T>(IReadOnlyList<T> Items, int Total, bool MoreThanCounted)
{
    /// <summary>"3", or "1,000+" past the counting limit.</summary>
    public string TotalText => MoreThanCounted ? $"{Total:N0}+" : Total.ToString("N0");
}

/// <summary>Lifetime figures from the ledger: what they spend and what they bring in (spender vs sender).</summary>
/// <param name="Advocacy">Referrals converted, guests brought and feedback given.</param>
public sealed record MemberTotals(int Visits, int Purchases, decimal Spend, DateTime? LastVisit, int Advocacy);

/// <summary>An event or guidance session the member booked, past or to come.</summary>
public sealed record OverviewBooking(long Id, int BenefitId, BenefitKind Kind, string Title, BookingStatus Status, DateTime? StartsAt, int Seats);

/// <summary>A product trial: claimed, out with the member (maybe overdue), or closed.</summary>
public sealed record OverviewTrial(long Id, string Title, string? ProductName, BookingStatus Status, DateTime? DueAt, DateTime? ClosedAt, bool IsOverdue)
{
    public string Product => ProductName ?? Title;
}

public sealed record EarnedAchievement(int Id, string Name, string Description, string Badge, DateTime EarnedAt);

/// <summary>One answer to the significance pulse: the 0–10 score and what mattered most then.</summary>
public sealed record PulseAnswer(DateTime RespondedAt, int? Score, IReadOnlyList<string> Matters, string? MattersText);

/// <summary>Somebody opened this member's recognition card at the counter.</summary>
public sealed record MemberCardView(long Id, string StaffName, string? StoreName, DateTime ViewedAt);

/// <summary>Everything a manager needs about one member, on one page.</summary>
public sealed record MemberOverview(
    MemberProfile Profile, MemberStatus Status, TierProgress Tier, MemberTotals Totals,
    LatestRows<OverviewBooking> Upcoming, LatestRows<OverviewBooking> Past, LatestRows<OverviewTrial> Trials,
    LatestRows<EarnedAchievement> Achievements, LatestRows<ActivityLine> RecentActivity, LatestRows<StaffNoteLine> Notes,
    LatestRows<PulseAnswer> PulseAnswers, LatestRows<MemberCardView> CardViews);
