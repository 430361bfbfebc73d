using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Features.Benefits.Feedback;

/// <summary>Feedback rows written straight to the test database, with the attended booking each needs.</summary>
public static class FeedbackTestData
{
    public static async Task<ExperienceFeedback> AddFeedbackAsync(this TestDb db, int benefitId, int memberId, int rating, string? comment, DateTime at)
    {
        await using var context = db.NewContext();
        var booking = new Booking { BenefitId = benefitId, MemberId = memberId, Status = BookingStatus.Attended, CreatedAt = at.AddDays(-3), CheckedInAt = at.AddHours(-2) };
        context.Bookings.Add(booking);
        await context.SaveChangesAsync();
        var feedback = new ExperienceFeedback { BookingId = booking.Id, BenefitId = benefitId, MemberId = memberId, Rating = rating, Comment = comment, CreatedAt = at };
        context.ExperienceFeedback.Add(feedback);
        await context.SaveChangesAsync();
        return feedback;
    }

    public static async Task<(Member Member, Caller Caller, ExperienceFeedback Feedback)> AddMemberWithFeedbackAsync(
        this TestDb db, int benefitId, string name, int rating = 4, string? comment = "Good fun")
    {
        var (member, caller) = await db.AddMemberAsync(name);
        var feedback = await db.AddFeedbackAsync(benefitId, member.Id, rating, comment, db.Clock.GetUtcNow().UtcDateTime.AddHours(-1));
        return (member, caller!, feedback);
    }
}
