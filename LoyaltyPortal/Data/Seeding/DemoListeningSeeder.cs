using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// The demo's listening: six months of pulse answers (so the significance trend has a shape), feedback on the finished
/// experiences with some manager answers, and a spring hill walk the demo member rated, whose feedback led to a change
/// they see under "You said, we did". The demo member's last pulse answer is old enough that the pulse is due.
/// </summary>
public sealed class DemoListeningSeeder(TimeProvider clock, TimeZoneInfo zone)
{
    private const int PulseMembers = 400;

    /// <summary>What members said, and the answer the team gives the first time each comment comes in (none: not answered yet).</summary>
    private static readonly (string Comment, FeedbackReplyKind? Kind, string? Answer)[] EventComments =
    [
        ("Well organised, though it started ten minutes late.", FeedbackReplyKind.Change, "We now meet 15 minutes before the start, so we set off on time."),
        ("Loved it. Would be good to have a shorter option for beginners.", FeedbackReplyKind.Reply, "Thank you! A 5 km beginners' loop is planned for the spring."),
        ("The staff knew their stuff and nobody was left behind.", FeedbackReplyKind.Reply, "Thank you, we've passed this on to the team."),
        ("Good fun, but the meeting point was hard to find.", FeedbackReplyKind.Change, "Event pages now show the meeting point on a map, with a photo of the entrance."),
        ("Brilliant morning. I've already booked the next one.", null, null),
        ("Parking nearby was a nightmare; maybe suggest a bus route?", null, null),
    ];

    private static readonly (string Comment, FeedbackReplyKind? Kind, string? Answer)[] TrialComments =
    [
        ("Comfortable from the first run and grippy on wet rock. Kept them.", FeedbackReplyKind.Reply, "Great to hear. Enjoy the trails!"),
        ("Too narrow for my feet, so I brought them back.", FeedbackReplyKind.Change, "Wear trials now come in the wide fit too; ask in store."),
        ("Good shoe, but a month isn't long enough to judge how they wear.", null, null),
    ];

    private static readonly string[] PulseWords =
    [
        "Advice from people who actually use the kit.",
        "Getting out on the hills with other people.",
        "Repairs, so I don't have to keep buying new.",
        "Being remembered when I come in.",
    ];

    public async Task SeedAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (await db.PulseResponses.AnyAsync(ct) || await db.FeedbackReplies.AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(DemoSeeder.Seed + 7);
        var demoMemberId = await db.Members.Where(m => m.MemberCode == "DEMO2026").Select(m => m.Id).SingleAsync(ct);
        var manager = await db.Users.Where(u => u.NormalizedEmail == DemoAccounts.Manager.Email.ToUpperInvariant()).Select(u => new { u.Id, u.DisplayName }).SingleAsync(ct);
        var crowd = await db.Members.Where(m => m.UserId == null && m.AnonymisedAt == null).OrderByDescending(m => m.Id).Select(m => m.Id).Take(PulseMembers).ToListAsync(ct);

        await AddPulseAsync(db, crowd, demoMemberId, now, random, ct);
        var walk = await AddHillWalkAsync(db, crowd, demoMemberId, now, ct);

        // Feedback on every finished experience, from most of those who came.
        var finished = await db.Bookings.Where(b => (b.Status == BookingStatus.Attended || b.Status == BookingStatus.Kept || b.Status == BookingStatus.Returned)
                && !db.ExperienceFeedback.Any(f => f.BookingId == b.Id))
            .OrderBy(b => b.Id).Select(b => new { b.Id, b.BenefitId, b.MemberId, b.Benefit!.Kind, b.Benefit.Title, b.Benefit.StartsAt, b.CheckedInAt, b.ClosedAt })
            .ToListAsync(ct);
        var given = new List<(ExperienceFeedback Feedback, string Title)>();
        var ledger = new List<Activity>();
        foreach (var booking in finished.Where((b, i) => b.MemberId == demoMemberId || i % 4 != 3))
        {
            var at = (booking.ClosedAt ?? booking.CheckedInAt ?? booking.StartsAt ?? now.AddDays(-3)).AddHours(20);
            if (at > now) at = now.AddMinutes(-30);
            var mine = booking.MemberId == demoMemberId;
            var feedback = new ExperienceFeedback
            {
                BookingId = booking.Id, BenefitId = booking.BenefitId, MemberId = booking.MemberId, CreatedAt = at,
                Rating = mine ? 4 : random.Next(10) switch { < 5 => 5, < 8 => 4, < 9 => 3, _ => 2 },
                Comment = mine
                    ? "Loved the route, but the pace at the front was too quick for some of us. A slower group would help."
                    : random.Next(4) == 0 ? null : Pick(booking.Kind, random).Comment,
            };
            // The demo member has one experience left to rate (the autumn run), so a newcomer can try it.
            if (!mine || booking.BenefitId == walk.Id) given.Add((feedback, booking.Title));
            else continue;
            ledger.Add(new Activity { MemberId = booking.MemberId, Type = ActivityType.FeedbackGiven, OccurredAt = at, SourceKey = $"feedback:{booking.Id}", Description = booking.Title });
            if (booking.Kind == BenefitKind.Trial)
            {
                ledger.Add(new Activity { MemberId = booking.MemberId, Type = ActivityType.TrialCompleted, OccurredAt = at, SourceKey = $"trial-completed:{booking.Id}", Description = booking.Title });
            }
        }
        foreach (var activity in ledger) activity.Points = StarterRules.SeedPoints(activity.Type, null);
        db.ExperienceFeedback.AddRange(given.Select(g => g.Feedback));
        db.Activities.AddRange(ledger);
        await db.SaveChangesAsync(ct);

        var replies = new List<(FeedbackReply Reply, int MemberId, string Title)>();
        FeedbackReply Answer(ExperienceFeedback feedback, FeedbackReplyKind kind, string text, int daysLater) => new()
        {
            FeedbackId = feedback.Id, Kind = kind, Text = text, AuthorUserId = manager.Id, AuthorName = manager.DisplayName,
            CreatedAt = Min(feedback.CreatedAt.AddDays(daysLater), now.AddHours(-2)),
        };
        foreach (var (feedback, title) in given)
        {
            if (feedback.MemberId == demoMemberId)
            {
                replies.Add((Answer(feedback, FeedbackReplyKind.Change,
                    "We now run two groups on every walk and run: a steady one and a quicker one, each with its own leader.", 9), feedback.MemberId, title));
            }
        }
        // The first time each comment comes in, the team answers it as listed.
        var answered = new HashSet<string>();
        foreach (var (feedback, title) in given.Where(g => g.Feedback.MemberId != demoMemberId && g.Feedback.Comment is not null))
        {
            var script = EventComments.Concat(TrialComments).First(c => c.Comment == feedback.Comment);
            if (script.Kind is not { } kind || !answered.Add(script.Comment)) continue;
            replies.Add((Answer(feedback, kind, script.Answer!, kind == FeedbackReplyKind.Change ? 6 : 2), feedback.MemberId, title));
        }
        db.FeedbackReplies.AddRange(replies.Select(r => r.Reply));
        await db.SaveChangesAsync(ct);

        // The bell kept the answers, already read, as it would after the member opened them.
        db.Notifications.AddRange(replies.Select(r => new Notification
        {
            MemberId = r.MemberId, Kind = NotificationKind.FeedbackReplied,
            Title = r.Reply.Kind == FeedbackReplyKind.Change ? $"You said, we did: {r.Title}" : $"A reply to your feedback on {r.Title}",
            Body = r.Reply.Text, Link = FeedbackReplyService.MemberFeedLink, SourceKey = $"feedback-reply:{r.Reply.Id}",
            CreatedAt = r.Reply.CreatedAt, ReadAt = r.Reply.CreatedAt.AddHours(3),
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Up to four answers per member across six months, at least a month apart, drifting up as the programme grows.</summary>
    private static async Task AddPulseAsync(LoyaltyDbContext db, IReadOnlyList<int> crowd, int demoMemberId, DateTime now, Random random, CancellationToken ct)
    {
        var joined = await db.Members.Where(m => crowd.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.JoinedAt, ct);
        var responses = new List<PulseResponse>();
        foreach (var memberId in crowd)
        {
            var tierId = (await MyProgressService.TierProgressAsync(db, memberId, now, ct)).Held.Id;
            var leaning = random.Next(-2, 3);
            for (var month = 6; month >= 1; month--)
            {
                if (random.Next(3) != 0) continue;
                var at = now.AddDays(-month * 30 + random.Next(0, 20)).AddMinutes(random.Next(0, 600));
                if (at < joined[memberId].AddDays(7) || at > now) continue;
                if (random.Next(7) == 0)
                {
                    responses.Add(new PulseResponse { MemberId = memberId, RespondedAt = at, TierId = tierId });
                    continue;
                }
                var score = Math.Clamp(6 + leaning + (6 - month) / 2 + random.Next(-2, 3), 0, 10);
                var matters = PulseChoices.All.Where(_ => random.Next(4) == 0).Take(3).Select(c => c.Code).ToList();
                if (matters.Count == 0) matters.Add(PulseChoices.All[random.Next(PulseChoices.All.Count)].Code);
                responses.Add(new PulseResponse
                {
                    MemberId = memberId, RespondedAt = at, Score = score, Matters = matters, TierId = tierId,
                    MattersText = random.Next(6) == 0 ? PulseWords[random.Next(PulseWords.Length)] : null,
                });
            }
        }
        // The demo member answered once, months ago: the pulse is due again on first sign-in.
        responses.Add(new PulseResponse
        {
            MemberId = demoMemberId, RespondedAt = now.AddDays(-75), Score = 8, Matters = ["events", "repairs"],
            MattersText = "Getting back on the trails after my knee injury.", TierId = (await MyProgressService.TierProgressAsync(db, demoMemberId, now, ct)).Held.Id,
        });
        db.PulseResponses.AddRange(responses);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A walk ten weeks ago: the demo member and a dozen others came, two did not.</summary>
    private async Task<Benefit> AddHillWalkAsync(LoyaltyDbContext db, IReadOnlyList<int> crowd, int demoMemberId, DateTime now, CancellationToken ct)
    {
        var today = TimeZoneInfo.ConvertTimeFromUtc(now, zone).Date;
        DateTime At(int days, int hour) => TimeZoneInfo.ConvertTimeToUtc(today.AddDays(days).AddHours(hour), zone);
        var manchester = await db.Stores.Where(s => s.Name == "Manchester Arndale").Select(s => s.Id).SingleAsync(ct);
        var hiking = await db.Interests.Where(i => i.Name == "Hiking").Select(i => i.Id).SingleAsync(ct);
        var walk = new Benefit
        {
            Kind = BenefitKind.Event, Status = BenefitStatus.Published, Title = "Spring hill walk in the Peak District",
            Description = "A guided 14 km circuit over Kinder Scout with the Manchester team. Minibus from the store, lunch on the edge.",
            StartsAt = At(-70, 8), EndsAt = At(-70, 16), LocationStoreId = manchester, Capacity = 20, WaitlistEnabled = true, CancellationCutoffHours = 24,
            CreatedAt = now.AddDays(-100), UpdatedAt = now.AddDays(-100),
            Interests = [new BenefitInterest { InterestId = hiking }], Stores = [new BenefitStore { StoreId = manchester }],
        };
        db.Benefits.Add(walk);
        await db.SaveChangesAsync(ct);

        var starts = walk.StartsAt!.Value;
        var bookings = new List<Booking>
        {
            new() { BenefitId = walk.Id, MemberId = demoMemberId, Status = BookingStatus.Attended, CreatedAt = starts.AddDays(-12), CheckedInAt = starts.AddMinutes(-8) },
        };
        bookings.AddRange(crowd.Take(14).Select((memberId, i) => new Booking
        {
            BenefitId = walk.Id, MemberId = memberId, Status = i % 7 == 6 ? BookingStatus.NoShow : BookingStatus.Attended,
            CreatedAt = starts.AddDays(-20 + i), CheckedInAt = i % 7 == 6 ? null : starts.AddMinutes(-15 + i),
        }));
        walk.Taken = bookings.Count;
        db.Bookings.AddRange(bookings);
        await db.SaveChangesAsync(ct);
        db.Activities.AddRange(bookings.Where(b => b.Status == BookingStatus.Attended).Select(b => new Activity
        {
            MemberId = b.MemberId, Type = ActivityType.EventAttended, OccurredAt = b.CheckedInAt!.Value, StoreId = manchester,
            Points = StarterRules.SeedPoints(ActivityType.EventAttended, null), SourceKey = $"event-attended:{b.Id}", Description = walk.Title,
        }));
        await db.SaveChangesAsync(ct);
        return walk;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static (string Comment, FeedbackReplyKind? Kind, string? Answer) Pick(BenefitKind kind, Random random)
    {
        var comments = kind == BenefitKind.Trial ? TrialComments : EventComments;
        return comments[random.Next(comments.Length)];
    }
}
