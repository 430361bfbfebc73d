using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// "You said, we did" for managers: read every member's feedback on experiences and answer it, either directly or
/// with the change it led to. Each answer lands in the member's notification bell and on their open pages.
/// </summary>
public sealed class FeedbackReplyService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, MemberNotifier notifier, TimeProvider clock, ActiveCallers callers,
    IStringLocalizer<FeedbackText> words)
{
    public const int MaxTextLength = FeedbackReplyConfiguration.TextMaxLength;
    public const int MaxPageSize = 100;

    /// <summary>Counting every row of a six-figure table on each page turn is wasted work; nobody pages past this.</summary>
    public const int MaxCounted = 10_000;

    public const string MemberFeedLink = "/me/you-said-we-did";

    public async Task<FeedbackInbox> GetInboxAsync(Caller caller, FeedbackQuery query, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feedback = db.ExperienceFeedback.AsNoTracking();
        if (query.BenefitId is { } benefitId) feedback = feedback.Where(f => f.BenefitId == benefitId);
        if (query.NeedsReply) feedback = feedback.Where(f => !db.FeedbackReplies.Any(r => r.FeedbackId == f.Id));

        var counted = await feedback.Take(MaxCounted + 1).CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var skip = Math.Min(Math.Max(query.Page, 0) * pageSize, MaxCounted);
        // The page is cut in the database (newest first, on the CreatedAt index); names and titles join only its rows.
        var rows = await (
                from f in feedback.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Skip(skip).Take(pageSize)
                join b in db.Benefits on f.BenefitId equals b.Id
                join m in db.Members on f.MemberId equals m.Id
                orderby f.CreatedAt descending, f.Id descending
                select new { f.Id, f.BenefitId, b.Title, b.Kind, f.MemberId, m.PreferredName, Gone = m.AnonymisedAt != null, f.Rating, f.Comment, f.CreatedAt })
            .ToListAsync(ct);
        var replies = await RepliesAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return new FeedbackInbox(
            rows.Select(r => new FeedbackRow(r.Id, r.BenefitId, r.Title, r.Kind, r.MemberId, r.Gone ? words["Former member"] : r.PreferredName, r.Gone,
                r.Rating, r.Comment, r.CreatedAt, replies[r.Id].ToList())).ToList(),
            Math.Min(counted, MaxCounted), counted > MaxCounted);
    }

    /// <summary>The experiences anyone has given feedback on, for the filter; newest first.</summary>
    public async Task<IReadOnlyList<FeedbackExperience>> GetExperiencesAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Benefits.AsNoTracking().Where(b => db.ExperienceFeedback.Any(f => f.BenefitId == b.Id))
            .OrderByDescending(b => b.StartsAt ?? b.CreatedAt).ThenBy(b => b.Title)
            .Select(b => new FeedbackExperience(b.Id, b.Title, b.Kind)).ToListAsync(ct);
    }

    public async Task<OperationResult> ReplyAsync(Caller caller, long feedbackId, FeedbackReplyKind kind, string? text, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        if (!Enum.IsDefined(kind)) return OperationResult.Refused("Kind", words["Choose a reply or a change."]);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return OperationResult.Refused("Text", kind == FeedbackReplyKind.Change ? words["Say what you changed."] : words["Write your reply."]);
        if (text.Length > MaxTextLength) return OperationResult.Refused("Text", words["Keep it to {0} characters ({1} now).", MaxTextLength, text.Length]);
        if (TextRules.DirectionProblem(text) is { } direction) return OperationResult.Refused("Text", words[direction]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feedback = await db.ExperienceFeedback.AsNoTracking().Where(f => f.Id == feedbackId)
            .Select(f => new
            {
                f.MemberId,
                Title = db.Benefits.Where(b => b.Id == f.BenefitId).Select(b => b.Title).First(),
                Gone = db.Members.Any(m => m.Id == f.MemberId && m.AnonymisedAt != null),
            })
            .FirstOrDefaultAsync(ct);
        if (feedback is null) return OperationResult.Refused(words["We couldn't find that feedback."]);

        var reply = new FeedbackReply
        {
            FeedbackId = feedbackId, Kind = kind, Text = text, AuthorUserId = caller.UserId,
            AuthorName = Shorten(caller.DisplayName, 100), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var notifications = new List<NewNotification>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.FeedbackReplies.Add(reply);
            await db.SaveChangesAsync(ct);
            if (!feedback.Gone)
            {
                var words = await notifier.TextForAsync(db, feedback.MemberId, ct);
                var notification = new NewNotification(feedback.MemberId, NotificationKind.FeedbackReplied,
                    Shorten(kind == FeedbackReplyKind.Change ? words["You said, we did: {0}", feedback.Title] : words["A reply to your feedback on {0}", feedback.Title], 120),
                    Shorten(text, 500), MemberFeedLink, $"feedback-reply:{reply.Id}");
                if (await notifier.AddAsync(db, notification, ct)) notifications.Add(notification);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        // The bell, an email if they have an address, and a live refresh of their open pages.
        await notifier.DeliverAsync(notifications, ct);
        return new OperationResult(true, feedback.Gone
            ? words["Saved. This member has left, so nobody was notified."]
            : kind == FeedbackReplyKind.Change ? words["Posted. The member sees what changed under \"You said, we did\"."] : words["Reply sent to the member."],
            new Dictionary<string, string>());
    }

    internal static async Task<ILookup<long, FeedbackReplyView>> RepliesAsync(LoyaltyDbContext db, List<long> feedbackIds, CancellationToken ct) =>
        (await db.FeedbackReplies.AsNoTracking().Where(r => feedbackIds.Contains(r.FeedbackId))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.FeedbackId, View = new FeedbackReplyView(r.Id, r.Kind, r.Text, r.AuthorName, r.CreatedAt) })
            .ToListAsync(ct))
        .ToLookup(r => r.FeedbackId, r => r.View);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private Task RequireManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers read and answer members' feedback.", ct);
}
