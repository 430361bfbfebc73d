namespace LoyaltyPortal.Features.Recognition;

/// <summary>An audit row: a member of staff opened a member's recognition card.</summary>
public sealed class CardView
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public string StaffUserId { get; set; } = "";
    public string StaffName { get; set; } = "";
    public int? StoreId { get; set; }
    public DateTime ViewedAt { get; set; }
}
