using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Manage;

namespace LoyaltyPortal.Tests.Features.Benefits.Feedback;

/// <summary>Members and managers read the feedback services' refusals in German.</summary>
public sealed class FeedbackGermanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rating_out_of_range_is_refused_in_German()
    {
        using var german = SetupGerman.Use();
        await using var db = await TestDb.CreateAsync();
        var (_, member) = await db.AddMemberAsync();

        var result = await db.Get<ExperienceFeedbackService>().SubmitAsync(member!, 1, 0, null, Ct);

        Assert.Equal("Wählen Sie 1 bis 5 Sterne.", result.FieldErrors["Rating"]);
    }

    [Fact]
    public async Task An_empty_reply_is_refused_in_German()
    {
        using var german = SetupGerman.Use();
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2));
        var (_, _, feedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Alex Morgan");

        var result = await db.Get<FeedbackReplyService>().ReplyAsync(await db.AddManagerAsync(), feedback.Id, FeedbackReplyKind.Change, " ", Ct);

        Assert.Equal("Schreiben Sie, was Sie geändert haben.", result.FieldErrors["Text"]);
    }

    [Fact]
    public async Task An_answer_without_an_author_name_comes_from_the_team_in_German()
    {
        using var german = SetupGerman.Use();
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2));
        var (_, member, feedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Alex Morgan");
        await using (var context = db.NewContext())
        {
            context.FeedbackReplies.Add(new FeedbackReply
            {
                FeedbackId = feedback.Id, Kind = FeedbackReplyKind.Change, Text = "Two groups now.", AuthorName = " ", CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            });
            await context.SaveChangesAsync(Ct);
        }

        var mine = await db.Get<YouSaidWeDidService>().GetMineAsync(member, Ct);

        Assert.Equal("Das Team", Assert.Single(Assert.Single(mine).Replies).AuthorFirstName);
    }
}
