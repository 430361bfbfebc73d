using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>The member's side of "You said, we did": their own feedback that the team answered. Never anyone else's.</summary>
public sealed class YouSaidWeDidService(IDbContextFactory<LoyaltyDbContext> dbFactory, IStringLocalizer<FeedbackText> text)
{
    /// <summary>Enough for years of experiences; the oldest answers drop off the end.</summary>
    public const int MaxItems = 50;

    public async Task<IReadOnlyList<MyAnsweredFeedback>> GetMineAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members have a \"You said, we did\" feed.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
                from f in db.ExperienceFeedback.AsNoTracking()
                where db.Members.Any(m => m.Id == f.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null)
                let answeredAt = db.FeedbackReplies.Where(r => r.FeedbackId == f.Id).Max(r => (DateTime?)r.CreatedAt)
                where answeredAt != null
                join b in db.Benefits on f.BenefitId equals b.Id
                orderby answeredAt descending, f.Id descending
                select new { f.Id, b.Title, b.Kind, f.Rating, f.Comment, f.CreatedAt })
            .Take(MaxItems).ToListAsync(ct);
        var replies = await FeedbackReplyService.RepliesAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new MyAnsweredFeedback(r.Id, r.Title, r.Kind, r.Rating, r.Comment, r.CreatedAt,
            replies[r.Id].Select(v => new MyFeedbackReply(v.Kind, v.Text, FirstName(v.AuthorName), v.CreatedAt)).ToList())).ToList();
    }

    private string FirstName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ');
        return space > 0 ? trimmed[..space] : trimmed.Length > 0 ? trimmed : text["The team"];
    }
}
