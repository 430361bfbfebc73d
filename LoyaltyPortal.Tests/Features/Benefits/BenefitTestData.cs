using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>Benefits written straight to the test database.</summary>
public static class BenefitTestData
{
    public static async Task<Benefit> AddEventAsync(this TestDb db, int capacity = 10, bool waitlist = true, bool guests = false,
        TimeSpan? startsIn = null, int cutoffHours = 24, Action<Benefit>? configure = null)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var starts = now + (startsIn ?? TimeSpan.FromDays(7));
        var benefit = new Benefit
        {
            Kind = BenefitKind.Event, Status = BenefitStatus.Published, Title = "Saturday run club", Description = "An easy **5 km** loop.",
            StartsAt = starts, EndsAt = starts.AddHours(2), LocationAddress = "Riverside", Capacity = capacity, WaitlistEnabled = waitlist,
            GuestsAllowed = guests, CancellationCutoffHours = cutoffHours, CreatedAt = now, UpdatedAt = now,
        };
        configure?.Invoke(benefit);
        await using var context = db.NewContext();
        context.Benefits.Add(benefit);
        await context.SaveChangesAsync();
        return benefit;
    }

    public static async Task<(Benefit Benefit, List<GuidanceSlot> Slots)> AddGuidanceAsync(this TestDb db, int slots = 4, string? expertUserId = null)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var benefit = new Benefit
        {
            Kind = BenefitKind.Guidance, Status = BenefitStatus.Published, Title = "Gait analysis", Description = "Thirty minutes with a coach.",
            SlotMinutes = 30, CancellationCutoffHours = 12, ExpertUserId = expertUserId, CreatedAt = now, UpdatedAt = now,
            AvailableFrom = DateOnly.FromDateTime(now), AvailableUntil = DateOnly.FromDateTime(now.AddDays(30)),
        };
        await using var context = db.NewContext();
        context.Benefits.Add(benefit);
        await context.SaveChangesAsync();
        var list = Enumerable.Range(0, slots).Select(i => new GuidanceSlot
        {
            BenefitId = benefit.Id, StartsAt = now.Date.AddDays(2 + i).AddHours(17), EndsAt = now.Date.AddDays(2 + i).AddHours(17.5),
        }).ToList();
        context.GuidanceSlots.AddRange(list);
        await context.SaveChangesAsync();
        return (benefit, list);
    }
}
