namespace LoyaltyPortal.Features.Benefits;

public enum FeedbackReplyKind
{
    /// <summary>A manager answers the member directly.</summary>
    Reply = 0,

    /// <summary>A change the feedback led to: "you said, we did".</summary>
    Change = 1,
}

/// <summary>A manager's answer to one piece of experience feedback, shown on the member's feed.</summary>
public sealed class FeedbackReply
{
    public long Id { get; set; }
    public long FeedbackId { get; set; }
    public FeedbackReplyKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? AuthorUserId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
