using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Feedback;

/// <summary>
/// Every kind of finished experience can be rated, and the member is pointed to it twice: a request in the bell
/// and a "Give feedback" action in My bookings, which goes once they have answered.
/// </summary>
public sealed class EveryExperienceFeedbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_kept_trial_can_be_rated_from_the_bell_and_from_my_bookings()
    {
        await using var db = await TestDb.CreateAsync();
        var trial = await db.AddTrialAsync();
        var (member, bookingId) = await db.BookAsync(trial.Id);
        var staff = await db.AddStaffAsync();
        var operations = db.Get<BenefitOperationsService>();
        await operations.HandOutAsync(staff, bookingId, Ct);
        Assert.True((await operations.MarkKeptAsync(staff, bookingId, 120m, Ct)).Succeeded);

        await AssertRateableAsync(db, member, bookingId);
    }

    [Fact]
    public async Task A_completed_guidance_session_can_be_rated_from_the_bell_and_from_my_bookings()
    {
        await using var db = await TestDb.CreateAsync();
        var (guidance, slots) = await db.AddGuidanceAsync();
        var (member, bookingId) = await db.BookAsync(guidance.Id, request: new BookingRequest(SlotId: slots[0].Id));
        db.Clock.Advance(slots[0].StartsAt - db.Clock.GetUtcNow().UtcDateTime);
        Assert.True((await db.Get<BenefitOperationsService>().CompleteSessionAsync(await db.AddStaffAsync(), bookingId, "Overpronates a little", Ct)).Succeeded);

        await AssertRateableAsync(db, member, bookingId);
    }

    private static async Task AssertRateableAsync(TestDb db, LoyaltyPortal.Components.Account.Caller member, long bookingId)
    {
        var link = await db.QueryAsync(c => c.Notifications.Where(n => n.SourceKey == $"feedback-request:{bookingId}").Select(n => n.Link).SingleAsync(Ct));
        Assert.Equal($"/me/feedback/{bookingId}", link);
        var bookings = db.Get<BookingService>();
        Assert.True((await bookings.GetMyBookingsAsync(member, Ct)).Single(b => b.Id == bookingId).CanGiveFeedback);

        var result = await db.Get<ExperienceFeedbackService>().SubmitAsync(member, bookingId, 5, "Spot on", Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.False((await bookings.GetMyBookingsAsync(member, Ct)).Single(b => b.Id == bookingId).CanGiveFeedback);
        Assert.Equal(1, await db.QueryAsync(c => c.ExperienceFeedback.CountAsync(f => f.BookingId == bookingId, Ct)));
    }
}
