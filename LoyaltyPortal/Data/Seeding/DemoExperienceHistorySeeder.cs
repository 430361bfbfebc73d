using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Demo history for the manager's insights: three experiences two to four months back, so experience ROI has
/// attendances whose 60 days after have passed (some attendees come back more often afterwards, as the programme
/// hopes), feedback on finished experiences, and tier moves replayed from the demo ledger.
/// </summary>
public sealed class DemoExperienceHistorySeeder(TimeProvider clock, TimeZoneInfo zone)
{
    public async Task SeedAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (await db.Benefits.AnyAsync(b => b.Title == "Spring hill walk", ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = TimeZoneInfo.ConvertTimeFromUtc(now, zone).Date;
        var random = new Random(DemoSeeder.Seed + 7);
        var stores = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        // Long-standing generated members, newest ids first: the benefit seeder books from the oldest, so the crowds differ.
        var crowd = await db.Members.Where(m => m.UserId == null && m.AnonymisedAt == null && m.JoinedAt < now.AddDays(-180))
            .OrderByDescending(m => m.Id).Select(m => m.Id).Take(240).ToListAsync(ct);
        DateTime At(int days, int hour) => TimeZoneInfo.ConvertTimeToUtc(today.AddDays(days).AddHours(hour), zone);

        var events = new[]
        {
            (Title: "Spring hill walk", Text: "A guided 10 km walk in the hills with our hiking team, lunch on the summit.", Days: -115, Hour: 9, Capacity: 30),
            (Title: "Camp cooking masterclass", Text: "One-pot meals on a camping stove, with a chef who cooks on expeditions.", Days: -96, Hour: 18, Capacity: 20),
            (Title: "Summer trail relay", Text: "Teams of four on a 5 km forest loop, with a barbecue at the finish.", Days: -72, Hour: 10, Capacity: 40),
        };
        var next = 0;
        var attended = new List<(Booking Booking, Benefit Benefit)>();
        foreach (var (e, i) in events.Select((e, i) => (e, i)))
        {
            var storeId = stores[i % stores.Count];
            var benefit = new Benefit
            {
                Kind = BenefitKind.Event, Status = BenefitStatus.Published, Title = e.Title, Description = e.Text,
                StartsAt = At(e.Days, e.Hour), EndsAt = At(e.Days, e.Hour + 3), LocationStoreId = storeId, Capacity = e.Capacity,
                WaitlistEnabled = true, CancellationCutoffHours = 24, CreatedAt = At(e.Days - 30, 9), UpdatedAt = At(e.Days - 30, 9),
                Stores = [new BenefitStore { StoreId = storeId }],
            };
            db.Benefits.Add(benefit);
            await db.SaveChangesAsync(ct);
            var starts = benefit.StartsAt!.Value;
            var bookings = new List<Booking>();
            for (var seat = 0; seat < e.Capacity + 6 && next < crowd.Count; seat++)
            {
                var full = seat >= e.Capacity;
                var status = full ? BookingStatus.Waitlisted : random.NextDouble() < 0.8 ? BookingStatus.Attended : BookingStatus.NoShow;
                bookings.Add(new Booking
                {
                    BenefitId = benefit.Id, MemberId = crowd[next++], Status = status, CreatedAt = starts.AddDays(-random.Next(3, 20)),
                    WaitlistedAt = full ? starts.AddDays(-2).AddMinutes(seat) : null,
                    CheckedInAt = status == BookingStatus.Attended ? starts.AddMinutes(random.Next(-15, 15)) : null,
                });
            }
            benefit.Taken = bookings.Count(b => b.Status != BookingStatus.Waitlisted);
            db.Bookings.AddRange(bookings);
            await db.SaveChangesAsync(ct);
            attended.AddRange(bookings.Where(b => b.Status == BookingStatus.Attended).Select(b => (b, benefit)));
        }

        foreach (var (booking, benefit) in attended)
        {
            var at = booking.CheckedInAt!.Value;
            db.Activities.Add(Activity(booking.MemberId, ActivityType.EventAttended, at, benefit.LocationStoreId, null, $"event-attended:{booking.Id}", benefit.Title));
            // Half of them come back more in the weeks after: extra visits, and often a purchase.
            if (random.Next(2) == 0) continue;
            for (var visit = 0; visit < random.Next(1, 4); visit++)
            {
                var day = at.AddDays(random.Next(2, 58)).AddHours(random.Next(-3, 4));
                db.Activities.Add(Activity(booking.MemberId, ActivityType.Visit, day, benefit.LocationStoreId, null, $"demo-insights-visit:{booking.Id}:{visit}", null));
                if (random.Next(3) > 0)
                {
                    var amount = Math.Round((decimal)(15 + random.NextDouble() * 110), 2);
                    db.Activities.Add(Activity(booking.MemberId, ActivityType.Purchase, day.AddMinutes(25), benefit.LocationStoreId, amount, $"demo-insights-purchase:{booking.Id}:{visit}", null));
                }
            }
        }
        await db.SaveChangesAsync(ct);

        var history = new InsightsHistoryGenerator(clock);
        await history.AddFeedbackAsync(db, share: 0.55, ct);
        await history.AddTierHistoryAsync(db, days: 420, step: TimeSpan.FromDays(1), ct);
    }

    private static Activity Activity(int memberId, ActivityType type, DateTime at, int? storeId, decimal? amount, string key, string? description) => new()
    {
        MemberId = memberId, Type = type, OccurredAt = at, StoreId = storeId, Amount = amount, Description = description,
        Points = StarterRules.SeedPoints(type, amount), SourceKey = key,
    };
}
