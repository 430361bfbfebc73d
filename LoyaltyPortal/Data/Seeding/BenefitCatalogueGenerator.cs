using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Adds many published benefits with bookings for benchmarks: a mix of kinds, interests, tier limits and
/// early-access windows like a large programme's catalogue. Deterministic for a given seed.
/// </summary>
public sealed class BenefitCatalogueGenerator(TimeProvider clock)
{
    private static readonly string[] Themes =
        ["Run club", "Trail clinic", "Repair workshop", "Yoga session", "Climbing taster", "Coffee morning", "Kit swap", "Family hike", "Style session", "Bike maintenance"];

    public async Task<(int Benefits, int Bookings)> AddAsync(LoyaltyDbContext db, int count, int averageBookings, CancellationToken ct)
    {
        var random = new Random(DemoSeeder.Seed + count);
        var now = clock.GetUtcNow().UtcDateTime;
        var storeIds = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var interestIds = await db.Interests.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var tierIds = await db.Tiers.OrderBy(t => t.Rank).Select(t => t.Id).ToListAsync(ct);
        var maxMemberId = await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0;
        if (storeIds.Count == 0 || maxMemberId == 0) throw new InvalidOperationException("Seed members before benefits.");

        var bookings = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < count;)
        {
            var batch = new List<Benefit>();
            for (var i = 0; i < Math.Min(500, count - done); i++)
            {
                var kind = random.Next(10) switch { < 7 => BenefitKind.Event, < 9 => BenefitKind.Trial, _ => BenefitKind.Guidance };
                var store = storeIds[random.Next(storeIds.Count)];
                var starts = now.Date.AddDays(random.Next(1, 90)).AddHours(random.Next(8, 20));
                var speaksTo = interestIds.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
                var benefit = new Benefit
                {
                    Kind = kind, Status = BenefitStatus.Published, Title = $"{Themes[random.Next(Themes.Length)]} #{done + i + 1}",
                    Description = "Generated for benchmarks.", Capacity = kind == BenefitKind.Guidance ? 0 : random.Next(8, 120),
                    CancellationCutoffHours = 24, CreatedAt = now, UpdatedAt = now,
                    MinimumTierId = random.Next(10) == 0 ? tierIds[^1] : null,
                    WaitlistEnabled = kind == BenefitKind.Event, GuestsAllowed = random.Next(3) == 0,
                    Interests = speaksTo.Select(id => new BenefitInterest { InterestId = id }).ToList(),
                    EligibleInterests = random.Next(8) == 0 ? [new BenefitEligibleInterest { InterestId = speaksTo[0] }] : [],
                    Stores = [new BenefitStore { StoreId = store }],
                };
                if (random.Next(5) == 0)
                {
                    benefit.BookingOpensAt = now.AddDays(random.Next(1, 10));
                    benefit.EarlyAccessTierId = tierIds[^1];
                    benefit.EarlyAccessHours = 48;
                }
                switch (kind)
                {
                    case BenefitKind.Event:
                        benefit.StartsAt = starts;
                        benefit.EndsAt = starts.AddHours(2);
                        benefit.LocationStoreId = store;
                        break;
                    case BenefitKind.Trial:
                        benefit.ProductName = "Trial product";
                        benefit.PickupStoreId = store;
                        break;
                    default:
                        benefit.SlotMinutes = 30;
                        benefit.LocationStoreId = store;
                        benefit.AvailableFrom = DateOnly.FromDateTime(now);
                        benefit.AvailableUntil = DateOnly.FromDateTime(now.AddDays(60));
                        break;
                }
                batch.Add(benefit);
            }
            db.Benefits.AddRange(batch);
            await db.SaveChangesAsync(ct);

            var rows = new List<Booking>();
            foreach (var benefit in batch.Where(b => b.Kind != BenefitKind.Guidance))
            {
                var wanted = random.Next(averageBookings * 2 + 1);
                var members = new HashSet<int>();
                while (members.Count < wanted) members.Add(random.Next(1, maxMemberId + 1));
                foreach (var memberId in members)
                {
                    var confirmed = benefit.Taken < benefit.Capacity;
                    if (!confirmed && !benefit.WaitlistEnabled) break;
                    if (confirmed) benefit.Taken++;
                    rows.Add(new Booking
                    {
                        BenefitId = benefit.Id, MemberId = memberId, Status = confirmed ? BookingStatus.Confirmed : BookingStatus.Waitlisted,
                        CreatedAt = now, WaitlistedAt = confirmed ? null : now.AddSeconds(rows.Count),
                    });
                }
                db.Entry(benefit).Property(b => b.Taken).IsModified = true;
            }
            db.Bookings.AddRange(rows);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            bookings += rows.Count;
            done += batch.Count;
        }
        return (count, bookings);
    }
}
