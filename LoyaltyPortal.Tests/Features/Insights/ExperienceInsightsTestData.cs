using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>Experiences, bookings and feedback written straight to the database, for hand-made insight datasets.</summary>
public static class ExperienceInsightsTestData
{
    public static readonly DateTime LongAgo = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<Member> AddMemberSinceAsync(this TestDb db, string name, DateTime joinedAt, int? homeStoreId = null)
    {
        var (member, _) = await db.AddMemberAsync(name, withLogin: false, homeStoreId: homeStoreId);
        await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.JoinedAt, joinedAt)));
        return member;
    }

    public static async Task<Benefit> AddExperienceAsync(this TestDb db, BenefitKind kind, string title, DateTime? startsAt = null, int? storeId = null)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var benefit = new Benefit
        {
            Kind = kind, Status = BenefitStatus.Published, Title = title, Description = title, Capacity = 50, WaitlistEnabled = true,
            StartsAt = startsAt, EndsAt = startsAt?.AddHours(2), LocationStoreId = kind == BenefitKind.Trial ? null : storeId,
            PickupStoreId = kind == BenefitKind.Trial ? storeId : null, ProductName = kind == BenefitKind.Trial ? "Trail shoe" : null,
            SlotMinutes = kind == BenefitKind.Guidance ? 30 : 0, CreatedAt = now, UpdatedAt = now,
        };
        await using var context = db.NewContext();
        context.Benefits.Add(benefit);
        await context.SaveChangesAsync();
        return benefit;
    }

    public static async Task<Booking> AddBookingAsync(this TestDb db, int benefitId, int memberId, BookingStatus status, Action<Booking>? configure = null)
    {
        var booking = new Booking { BenefitId = benefitId, MemberId = memberId, Status = status, CreatedAt = db.Clock.GetUtcNow().UtcDateTime };
        configure?.Invoke(booking);
        await using var context = db.NewContext();
        context.Bookings.Add(booking);
        await context.SaveChangesAsync();
        return booking;
    }

    public static async Task AddFeedbackAsync(this TestDb db, Booking booking, int rating)
    {
        await using var context = db.NewContext();
        context.ExperienceFeedback.Add(new ExperienceFeedback
        {
            BookingId = booking.Id, BenefitId = booking.BenefitId, MemberId = booking.MemberId, Rating = rating, CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
        });
        await context.SaveChangesAsync();
    }

    public static async Task<int> AddSlotAsync(this TestDb db, int benefitId, DateTime startsAt)
    {
        await using var context = db.NewContext();
        var slot = new GuidanceSlot { BenefitId = benefitId, StartsAt = startsAt, EndsAt = startsAt.AddMinutes(30) };
        context.GuidanceSlots.Add(slot);
        await context.SaveChangesAsync();
        return slot.Id;
    }
}
