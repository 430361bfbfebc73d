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
    TrialHandedOut = 10,
    TrialReturned = 11,

    /// <summary>Staff wrote a note about the member. Kept in the ledger for the audit trail; never shown to the member, never earns points.</summary>
    StaffNoteAdded = 12,

    /// <summary>
    /// A tier honoured from before the member was imported: its points are the tier's threshold when imported, so the
    /// member holds the tier for a window like anyone who earned it. Written only by the member import; no rule applies.
    /// </summary>
    TierCarriedOver = 13,

    /// <summary>A till refund or return against a purchase: a negative amount, and minus the points that purchase earned.</summary>
    Refund = 14,
}

public static class ActivityTypes
{
    /// <summary>Types the member never sees on their own timeline and that no engagement rule or achievement can use.</summary>
    public static bool IsStaffOnly(this ActivityType type) => type == ActivityType.StaffNoteAdded;

    /// <summary>Types a manager can give points to or build an achievement on. A refund only takes back what its purchase gave.</summary>
    public static IReadOnlyList<ActivityType> Earning { get; } = Enum.GetValues<ActivityType>()
        .Where(t => !t.IsStaffOnly() && t is not (ActivityType.TierCarriedOver or ActivityType.Refund)).ToArray();
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

    /// <summary>ISO 4217 code of <see cref="Amount"/>; null on rows written before purchases carried one (the programme currency).</summary>
    public string? Currency { get; set; }

    /// <summary>Points earned, stamped from the engagement rules when recorded (0 once a cap is reached).</summary>
    public int Points { get; set; }
    public string SourceKey { get; set; } = "";
    public string? Description { get; set; }
}
