using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Operations;

/// <summary>Feedback on finished experiences: the member's own, validated, and counted once.</summary>
public sealed class ExperienceFeedbackServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Feedback_after_a_check_in_counts_once_and_answers_the_request(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(10));
        var (member, bookingId) = await db.BookAsync(benefit.Id);
        await db.Get<BenefitOperationsService>().CheckInAsync(await db.AddStaffAsync(), bookingId, Ct);
        var feedback = db.Get<ExperienceFeedbackService>();

        var form = await feedback.GetFormAsync(member, bookingId, Ct);
        var first = await feedback.SubmitAsync(member, bookingId, 5, "Loved the route", Ct);
        var changed = await feedback.SubmitAsync(member, bookingId, 4, "Loved the route, coffee was cold", Ct);

        Assert.NotNull(form);
        Assert.True(first.Succeeded, first.Message);
        Assert.True(changed.Succeeded, changed.Message);
        var saved = await db.QueryAsync(c => c.ExperienceFeedback.SingleAsync(Ct));
        Assert.Equal((4, "Loved the route, coffee was cold"), (saved.Rating, saved.Comment));
        Assert.Equal(1, await db.QueryAsync(c => c.Activities.CountAsync(a => a.Type == ActivityType.FeedbackGiven, Ct)));
        Assert.NotNull(await db.QueryAsync(c => c.Notifications.Where(n => n.Kind == NotificationKind.FeedbackRequested).Select(n => n.ReadAt).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Another_member_can_neither_read_nor_answer_and_unfinished_bookings_are_not_rateable(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(10));
        var (member, attended) = await db.BookAsync(benefit.Id, "Attended");
        var (other, notYet) = await db.BookAsync(benefit.Id, "Other");
        await db.Get<BenefitOperationsService>().CheckInAsync(await db.AddStaffAsync(), attended, Ct);
        var feedback = db.Get<ExperienceFeedbackService>();

        Assert.Null(await feedback.GetFormAsync(other, attended, Ct));
        Assert.False((await feedback.SubmitAsync(other, attended, 1, "Sabotage", Ct)).Succeeded);
        Assert.Null(await feedback.GetFormAsync(other, notYet, Ct));
        Assert.False((await feedback.SubmitAsync(other, notYet, 5, null, Ct)).Succeeded);
        Assert.Equal(0, await db.QueryAsync(c => c.ExperienceFeedback.CountAsync(Ct)));
        var staff = await db.AddStaffAsync();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => feedback.SubmitAsync(staff, attended, 5, null, Ct));
        Assert.NotNull(member);
    }

    [Theory]
    [InlineData(0, null, "Rating")]
    [InlineData(6, null, "Rating")]
    [InlineData(-1, null, "Rating")]
    [InlineData(3, "long", "Comment")]
    public async Task Bad_input_gets_a_field_message_and_saves_nothing(int rating, string? comment, string field)
    {
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(10));
        var (member, bookingId) = await db.BookAsync(benefit.Id);
        await db.Get<BenefitOperationsService>().CheckInAsync(await db.AddStaffAsync(), bookingId, Ct);

        var result = await db.Get<ExperienceFeedbackService>().SubmitAsync(member, bookingId, rating, comment == "long" ? new string('a', 2001) : comment, Ct);

        Assert.False(result.Succeeded);
        Assert.True(result.FieldErrors.ContainsKey(field));
        Assert.Equal(0, await db.QueryAsync(c => c.ExperienceFeedback.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Feedback_on_a_returned_trial_also_counts_as_a_completed_trial(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var trial = await db.AddTrialAsync();
        var (member, bookingId) = await db.BookAsync(trial.Id);
        var staff = await db.AddStaffAsync();
        var operations = db.Get<BenefitOperationsService>();
        await operations.HandOutAsync(staff, bookingId, Ct);
        await operations.ReturnAsync(staff, bookingId, Ct);

        var result = await db.Get<ExperienceFeedbackService>().SubmitAsync(member, bookingId, 3, "Too narrow for me", Ct);

        Assert.True(result.Succeeded, result.Message);
        var types = await db.QueryAsync(c => c.Activities.OrderBy(a => a.Type).Select(a => a.Type).ToListAsync(Ct));
        Assert.Equal([ActivityType.TrialCompleted, ActivityType.FeedbackGiven, ActivityType.TrialHandedOut, ActivityType.TrialReturned], types);
    }
}
