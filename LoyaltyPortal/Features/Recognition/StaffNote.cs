namespace LoyaltyPortal.Features.Recognition;

/// <summary>A note staff keep about a member ("prefers the window fitting room").</summary>
public sealed class StaffNote
{
    public int Id { get; set; }
    public int MemberId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public int? StoreId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
