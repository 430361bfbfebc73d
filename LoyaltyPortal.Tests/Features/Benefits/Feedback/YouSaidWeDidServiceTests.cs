using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Feedback;

/// <summary>The member's "You said, we did": their own answered feedback and nobody else's.</summary>
public sealed class YouSaidWeDidServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_member_sees_answers_to_their_own_feedback_only(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2));
        var (_, alex, alexFeedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Alex Morgan", 3, "Too fast");
        var (_, jo, joFeedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Jo Smith", 5, "Perfect");
        var (_, sam, _) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Sam Quiet", 4, null);
        var manager = await db.AddUserAsync(Roles.Manager, "Maya Patel");
        var replies = db.Get<FeedbackReplyService>();
        await replies.ReplyAsync(manager, alexFeedback.Id, FeedbackReplyKind.Change, "We now run a slower group.", Ct);
        await replies.ReplyAsync(manager, joFeedback.Id, FeedbackReplyKind.Reply, "Thanks, Jo!", Ct);
        var feed = db.Get<YouSaidWeDidService>();

        var alexSees = await feed.GetMineAsync(alex, Ct);
        var joSees = await feed.GetMineAsync(jo, Ct);
        var samSees = await feed.GetMineAsync(sam, Ct);

        var item = Assert.Single(alexSees);
        Assert.Equal(("Saturday run club", 3, "Too fast"), (item.Title, item.Rating, item.Comment));
        var reply = Assert.Single(item.Replies);
        Assert.Equal((FeedbackReplyKind.Change, "We now run a slower group.", "Maya"), (reply.Kind, reply.Text, reply.AuthorFirstName));
        Assert.Equal(["Thanks, Jo!"], Assert.Single(joSees).Replies.Select(r => r.Text));
        Assert.Empty(samSees);
    }

    [Fact]
    public async Task The_newest_answer_comes_first()
    {
        await using var db = await TestDb.CreateAsync();
        var run = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-9));
        var walk = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2), configure: b => b.Title = "Hill walk");
        var (member, caller) = await db.AddMemberAsync();
        var older = await db.AddFeedbackAsync(run.Id, member.Id, 4, "Run", db.Clock.GetUtcNow().UtcDateTime.AddDays(-8));
        var newer = await db.AddFeedbackAsync(walk.Id, member.Id, 5, "Walk", db.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        var manager = await db.AddManagerAsync();
        var replies = db.Get<FeedbackReplyService>();
        await replies.ReplyAsync(manager, newer.Id, FeedbackReplyKind.Reply, "First", Ct);
        db.Clock.Advance(TimeSpan.FromHours(1));
        await replies.ReplyAsync(manager, older.Id, FeedbackReplyKind.Reply, "Second", Ct);

        var items = await db.Get<YouSaidWeDidService>().GetMineAsync(caller!, Ct);

        Assert.Equal(["Saturday run club", "Hill walk"], items.Select(i => i.Title));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Manager)]
    public async Task Only_members_have_a_feed(string role)
    {
        await using var db = await TestDb.CreateAsync();
        var caller = await db.AddUserAsync(role);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<YouSaidWeDidService>().GetMineAsync(caller, Ct));
        Assert.Equal(0, await db.QueryAsync(c => c.FeedbackReplies.CountAsync(Ct)));
    }
}
