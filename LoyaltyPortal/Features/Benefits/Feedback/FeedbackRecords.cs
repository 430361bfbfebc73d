namespace LoyaltyPortal.Features.Benefits;

/// <summary>The manager's feedback list: newest first, optionally one experience, optionally only what has no reply yet.</summary>
public sealed record FeedbackQuery(int? BenefitId, bool NeedsReply, int Page, int PageSize);

public sealed record FeedbackReplyView(long Id, FeedbackReplyKind Kind, string Text, string AuthorName, DateTime CreatedAt);

/// <param name="MemberGone">The member deleted their account; there is nobody to link to or notify.</param>
public sealed record FeedbackRow(
    long Id, int BenefitId, string Title, BenefitKind Kind, int MemberId, string MemberName, bool MemberGone,
    int Rating, string? Comment, DateTime CreatedAt, IReadOnlyList<FeedbackReplyView> Replies);

/// <param name="TotalCount">Matches, counted up to <see cref="FeedbackReplyService.MaxCounted"/>.</param>
public sealed record FeedbackInbox(IReadOnlyList<FeedbackRow> Rows, int TotalCount, bool MoreThanCounted);

/// <summary>An experience that has feedback, for the filter.</summary>
public sealed record FeedbackExperience(int BenefitId, string Title, BenefitKind Kind);

/// <summary>A manager's answer as the member reads it: the author by first name only.</summary>
public sealed record MyFeedbackReply(FeedbackReplyKind Kind, string Text, string AuthorFirstName, DateTime CreatedAt);

/// <summary>One piece of the member's own feedback that the team answered, with every answer, newest first.</summary>
public sealed record MyAnsweredFeedback(long FeedbackId, string Title, BenefitKind Kind, int Rating, string? Comment, DateTime GivenAt, IReadOnlyList<MyFeedbackReply> Replies);
