namespace LoyaltyPortal.Data;

public enum ActivityType
{
    Joined = 0,
    Visit = 1,
    Purchase = 2,
    EventAttended = 3,
    TrialCompleted = 4,
    GuidanceSession = 5,
    ReferralConverted = 6,
    GuestBrought = 7,
    FeedbackGiven = 8,
    ProfileCompleted = 9,
}

/// <summary>
/// One row of the append-only activity ledger. <see cref="SourceKey"/> is unique, so the same
/// real-world event recorded twice (a double tap, a retried request) is stored once.
/// </summary>
public sealed class Activity
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public ActivityType Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public int? StoreId { get; set; }
    public string? StaffUserId { get; set; }
    public decimal? Amount { get; set; }

    /// <summary>Points earned, stamped from the engagement rules when recorded (0 once a cap is reached).</summary>
    public int Points { get; set; }
    public string SourceKey { get; set; } = "";
    public string? Description { get; set; }
}
