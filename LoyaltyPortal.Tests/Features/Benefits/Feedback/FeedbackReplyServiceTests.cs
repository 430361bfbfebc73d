using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Feedback;

/// <summary>Managers answer feedback: validated, managers only, and the member hears about it at once.</summary>
public sealed class FeedbackReplyServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_change_is_saved_with_its_author_and_notifies_the_member_live(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2));
        var (member, _, feedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Alex Morgan", 3, "Too fast at the front");
        var manager = await db.AddManagerAsync();
        var raised = new List<(int, MemberChange)>();
        db.Get<MemberEvents>().Changed += (id, change) => raised.Add((id, change));

        var result = await db.Get<FeedbackReplyService>().ReplyAsync(manager, feedback.Id, FeedbackReplyKind.Change, "  We now run a slower group.  ", Ct);

        Assert.True(result.Succeeded, result.Message);
        var reply = await db.QueryAsync(c => c.FeedbackReplies.SingleAsync(Ct));
        Assert.Equal((feedback.Id, FeedbackReplyKind.Change, "We now run a slower group.", manager.UserId, "Morgan Manager", db.Clock.GetUtcNow().UtcDateTime),
            (reply.FeedbackId, reply.Kind, reply.Text, reply.AuthorUserId, reply.AuthorName, reply.CreatedAt));
        var notification = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.Kind == NotificationKind.FeedbackReplied, Ct));
        Assert.Equal((member.Id, $"feedback-reply:{reply.Id}", "/me/you-said-we-did", "You said, we did: Saturday run club", "We now run a slower group.", (DateTime?)null),
            (notification.MemberId, notification.SourceKey, notification.Link, notification.Title, notification.Body, notification.ReadAt));
        Assert.Contains((member.Id, MemberChange.Notification), raised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("long")]
    public async Task An_empty_or_overlong_answer_gets_a_message_beside_the_text_and_saves_nothing(string? text)
    {
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2));
        var (_, _, feedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Alex Morgan");

        var result = await db.Get<FeedbackReplyService>().ReplyAsync(await db.AddManagerAsync(), feedback.Id, FeedbackReplyKind.Reply,
            text == "long" ? new string('a', FeedbackReplyService.MaxTextLength + 1) : text, Ct);

        Assert.False(result.Succeeded);
        Assert.True(result.FieldErrors.ContainsKey("Text"), result.Message);
        Assert.Equal(0, await db.QueryAsync(c => c.FeedbackReplies.CountAsync(Ct)));
        Assert.Equal(0, await db.QueryAsync(c => c.Notifications.CountAsync(Ct)));
    }

    [Fact]
    public async Task An_answer_to_feedback_that_does_not_exist_is_refused()
    {
        await using var db = await TestDb.CreateAsync();

        var result = await db.Get<FeedbackReplyService>().ReplyAsync(await db.AddManagerAsync(), 4242, FeedbackReplyKind.Reply, "Thanks!", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("We couldn't find that feedback.", result.Message);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Member)]
    public async Task Staff_and_members_can_neither_read_nor_answer_the_feedback_list(string role)
    {
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2));
        var (_, member, feedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Alex Morgan");
        var caller = role == Roles.Member ? member : await db.AddUserAsync(role);
        var replies = db.Get<FeedbackReplyService>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => replies.GetInboxAsync(caller, new FeedbackQuery(null, false, 0, 25), Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => replies.GetExperiencesAsync(caller, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => replies.ReplyAsync(caller, feedback.Id, FeedbackReplyKind.Reply, "Hi", Ct));
        Assert.Equal(0, await db.QueryAsync(c => c.FeedbackReplies.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task The_list_is_newest_first_paged_in_the_database_and_filters_by_experience_and_by_needing_a_reply(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var run = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-5));
        var walk = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-4), configure: b => b.Title = "Hill walk");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var feedback = new List<ExperienceFeedback>();
        var memberIds = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            // One member per row: a member holds one booking per experience.
            var (member, _) = await db.AddMemberAsync(i == 4 ? "Anna Müller" : $"Member {i}");
            memberIds.Add(member.Id);
            feedback.Add(await db.AddFeedbackAsync(i % 2 == 0 ? run.Id : walk.Id, member.Id, 1 + i, $"Comment {i}", now.AddHours(-10 + i)));
        }
        var manager = await db.AddManagerAsync();
        var replies = db.Get<FeedbackReplyService>();
        await replies.ReplyAsync(manager, feedback[4].Id, FeedbackReplyKind.Reply, "Thank you", Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        await replies.ReplyAsync(manager, feedback[4].Id, FeedbackReplyKind.Change, "We changed the route", Ct);

        var first = await replies.GetInboxAsync(manager, new FeedbackQuery(null, false, 0, 2), Ct);
        var third = await replies.GetInboxAsync(manager, new FeedbackQuery(null, false, 2, 2), Ct);
        var runOnly = await replies.GetInboxAsync(manager, new FeedbackQuery(run.Id, false, 0, 25), Ct);
        var waiting = await replies.GetInboxAsync(manager, new FeedbackQuery(null, true, 0, 25), Ct);
        var experiences = await replies.GetExperiencesAsync(manager, Ct);

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(["Comment 4", "Comment 3"], first.Rows.Select(r => r.Comment));
        Assert.Equal(["Comment 0"], third.Rows.Select(r => r.Comment));
        var top = first.Rows[0];
        Assert.Equal(("Saturday run club", 5, "Anna Müller", memberIds[4], false), (top.Title, top.Rating, top.MemberName, top.MemberId, top.MemberGone));
        Assert.Equal(["We changed the route", "Thank you"], top.Replies.Select(r => r.Text));
        Assert.Equal(["Comment 4", "Comment 2", "Comment 0"], runOnly.Rows.Select(r => r.Comment));
        Assert.Equal(4, waiting.TotalCount);
        Assert.DoesNotContain(waiting.Rows, r => r.Id == feedback[4].Id);
        Assert.Equal(["Hill walk", "Saturday run club"], experiences.Select(e => e.Title));
    }
}
