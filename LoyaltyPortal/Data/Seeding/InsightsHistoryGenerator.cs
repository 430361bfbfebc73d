using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// History the insights need that bulk-generated data lacks: tier moves replayed from the ledger, outcomes for
/// experiences that have taken place (check-ins, no-shows, kept and returned trials, with their ledger rows), and
/// members' feedback on finished experiences. Used by the demo seeder and to prepare the benchmark database.
/// </summary>
public sealed class InsightsHistoryGenerator(TimeProvider clock, int seed = DemoSeeder.Seed)
{
    private const int MembersPerBatch = 5_000;

    /// <summary>
    /// Replays every member's held tier from the ledger at each <paramref name="step"/> over the last
    /// <paramref name="days"/> days, with the programme's current rules, and writes a <see cref="TierChange"/>
    /// wherever it differs from the step before. The moves are what the ledger implies, not invented; it does
    /// nothing when tier history exists already.
    /// </summary>
    public async Task<int> AddTierHistoryAsync(LoyaltyDbContext db, int days, TimeSpan step, CancellationToken ct)
    {
        if (await db.TierChanges.AnyAsync(ct)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = await ProgressRules.LoadAsync(db, ct);
        var instants = new List<DateTime>();
        for (var at = now.AddDays(-days); at < now; at += step) instants.Add(at);
        instants.Add(now);
        var after = rules.LooksBackTo(instants[0]);

        var written = 0;
        for (var lastId = 0; ;)
        {
            var members = await db.Members.AsNoTracking().Where(m => m.Id > lastId && m.AnonymisedAt == null).OrderBy(m => m.Id)
                .Select(m => m.Id).Take(MembersPerBatch).ToListAsync(ct);
            if (members.Count == 0) return written;
            var (from, to) = (members[0], members[^1]);
            var earned = (await db.Activities.AsNoTracking()
                    .Where(a => a.MemberId >= from && a.MemberId <= to && a.OccurredAt > after && a.Points != 0)
                    .Select(a => new { a.MemberId, a.OccurredAt, a.Points }).ToListAsync(ct))
                .ToLookup(a => a.MemberId, a => new EarnedPoints(a.OccurredAt, a.Points));
            foreach (var memberId in members)
            {
                var history = earned[memberId].ToList();
                if (history.Count == 0) continue;
                // The first instant is where the replay starts from, not a move.
                int? held = rules.Compute(history.Where(e => e.OccurredAt <= instants[0]).ToList(), instants[0]).HeldTierId;
                foreach (var at in instants.Skip(1))
                {
                    var tier = rules.Compute(history.Where(e => e.OccurredAt <= at).ToList(), at).HeldTierId;
                    if (TierChange.Between(memberId, held, tier, rules.Tiers, at) is { } change)
                    {
                        db.TierChanges.Add(change);
                        written++;
                    }
                    held = tier;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            lastId = to;
        }
    }

    /// <summary>
    /// Moves some of the generated catalogue into the past year and records what happened: for events, check-ins
    /// (with their "event attended" ledger rows) and no-shows; for trials, products handed out and then kept or
    /// returned. Does nothing once experiences have outcomes.
    /// </summary>
    public async Task<int> AddExperienceOutcomesAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (await db.Bookings.CountAsync(b => b.Status == BookingStatus.Attended || b.Status == BookingStatus.Kept || b.Status == BookingStatus.Returned, ct) > 1_000) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(seed);
        var benefits = await db.Benefits.Where(b => b.Kind != BenefitKind.Guidance && b.Status == BenefitStatus.Published)
            .OrderBy(b => b.Id).ToListAsync(ct);
        var past = benefits.Where(_ => random.NextDouble() < 0.6).ToList();
        var changed = 0;
        foreach (var chunk in past.Chunk(250))
        {
            var ids = chunk.Select(b => b.Id).ToList();
            var bookings = (await db.Bookings.Where(b => ids.Contains(b.BenefitId) && b.Status == BookingStatus.Confirmed).ToListAsync(ct)).ToLookup(b => b.BenefitId);
            foreach (var benefit in chunk)
            {
                var day = now.Date.AddDays(-random.Next(2, 400)).AddHours(random.Next(9, 20));
                if (benefit.Kind == BenefitKind.Event)
                {
                    (benefit.StartsAt, benefit.EndsAt, benefit.BookingOpensAt) = (day, day.AddHours(2), null);
                }
                foreach (var booking in bookings[benefit.Id])
                {
                    booking.CreatedAt = day.AddDays(-random.Next(3, 30));
                    if (benefit.Kind == BenefitKind.Event) Attend(db, booking, benefit, random);
                    else HandOut(booking, day, now, random);
                    changed++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return changed;
    }

    private static void Attend(LoyaltyDbContext db, Booking booking, Benefit benefit, Random random)
    {
        if (random.NextDouble() < 0.18)
        {
            booking.Status = BookingStatus.NoShow;
            return;
        }
        booking.Status = BookingStatus.Attended;
        booking.CheckedInAt = benefit.StartsAt!.Value.AddMinutes(random.Next(-15, 20));
        db.Activities.Add(new Activity
        {
            MemberId = booking.MemberId, Type = ActivityType.EventAttended, OccurredAt = booking.CheckedInAt.Value, StoreId = benefit.LocationStoreId,
            Points = StarterRules.SeedPoints(ActivityType.EventAttended, null), SourceKey = $"event-attended:{booking.Id}", Description = benefit.Title,
        });
    }

    private static void HandOut(Booking booking, DateTime day, DateTime now, Random random)
    {
        booking.HandedOutAt = day.AddDays(random.Next(0, 10));
        if (booking.HandedOutAt > now.AddDays(-30))
        {
            (booking.Status, booking.DueAt) = (BookingStatus.HandedOut, booking.HandedOutAt.Value.AddDays(30));
            return;
        }
        booking.Status = random.NextDouble() < 0.35 ? BookingStatus.Kept : BookingStatus.Returned;
        booking.DueAt = booking.HandedOutAt.Value.AddDays(30);
        booking.ClosedAt = booking.HandedOutAt.Value.AddDays(random.Next(5, 30));
    }

    /// <summary>
    /// Ratings from about <paramref name="share"/> of the members whose experience has finished (attended, kept or
    /// returned), a day or two after it, mostly happy as real feedback is. Skips bookings that have feedback, and members with a login.
    /// </summary>
    public async Task<int> AddFeedbackAsync(LoyaltyDbContext db, double share, CancellationToken ct)
    {
        var random = new Random(seed + 1);
        var finished = await db.Bookings.AsNoTracking()
            .Where(b => (b.Status == BookingStatus.Attended || b.Status == BookingStatus.Kept || b.Status == BookingStatus.Returned)
                && !db.ExperienceFeedback.Any(f => f.BookingId == b.Id)
                // People with a login speak for themselves: the demo member's own experiences stay theirs to rate.
                && db.Members.Any(m => m.Id == b.MemberId && m.UserId == null))
            .OrderBy(b => b.Id)
            .Select(b => new { b.Id, b.BenefitId, b.MemberId, At = b.CheckedInAt ?? b.ClosedAt ?? b.CreatedAt })
            .ToListAsync(ct);
        var added = 0;
        foreach (var booking in finished)
        {
            if (random.NextDouble() >= share) continue;
            var rating = random.NextDouble() switch { < 0.45 => 5, < 0.75 => 4, < 0.90 => 3, < 0.96 => 2, _ => 1 };
            db.ExperienceFeedback.Add(new ExperienceFeedback
            {
                BookingId = booking.Id, BenefitId = booking.BenefitId, MemberId = booking.MemberId, Rating = rating,
                Comment = random.Next(4) == 0 ? Comments[rating - 1][random.Next(Comments[rating - 1].Length)] : null,
                CreatedAt = booking.At.AddHours(random.Next(12, 60)),
            });
            if (++added % 10_000 == 0) await db.SaveChangesAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return added;
    }

    private static readonly string[][] Comments =
    [
        ["Nobody seemed to expect us; we waited a long time.", "Not what the description said."],
        ["Too crowded to hear the talk.", "Started late and felt rushed."],
        ["Fine, but a bit short.", "Good idea; the room was too small."],
        ["Really friendly team, learnt a lot.", "Great evening, would come again."],
        ["Brilliant. The best thing the programme has done.", "Loved it, and met people from my running club."],
    ];
}
