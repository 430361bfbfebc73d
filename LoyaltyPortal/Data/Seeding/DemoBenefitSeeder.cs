using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// The demo's experiences: events (one today at Covent Garden so the staff roster has people to check in),
/// a wear trial, and guidance with a named expert; with bookings from generated members so social proof is real.
/// Times are set in the programme's time zone relative to the seeding day.
/// </summary>
public sealed class DemoBenefitSeeder(TimeProvider clock, TimeZoneInfo zone)
{
    public async Task SeedAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        if (await db.Benefits.AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = TimeZoneInfo.ConvertTimeFromUtc(now, zone).Date;
        var stores = await db.Stores.ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        var interests = await db.Interests.ToDictionaryAsync(i => i.Name, i => i.Id, ct);
        var tiers = await db.Tiers.ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        var expertId = await db.Users.Where(u => u.NormalizedEmail == DemoAccounts.EmailFor("Priya Shah").ToUpperInvariant()).Select(u => u.Id).SingleAsync(ct);
        var demoMemberId = await db.Members.Where(m => m.MemberCode == "DEMO2026").Select(m => m.Id).SingleAsync(ct);
        // Generated members have no login; they fill seats and waitlists.
        var crowd = await db.Members.Where(m => m.UserId == null && m.AnonymisedAt == null).OrderBy(m => m.Id).Select(m => m.Id).Take(400).ToListAsync(ct);
        var coventGarden = stores["Covent Garden"];

        DateTime At(int days, int hour, int minute = 0) => TimeZoneInfo.ConvertTimeToUtc(today.AddDays(days).AddHours(hour).AddMinutes(minute), zone);

        Benefit Event(string title, string description, int days, int hour, int hours, int storeId, int capacity, string[] speaksTo, bool guests = false, string? minimumTier = null) => new()
        {
            Kind = BenefitKind.Event, Status = BenefitStatus.Published, Title = title, Description = description,
            StartsAt = At(days, hour), EndsAt = At(days, hour + hours), LocationStoreId = storeId, Capacity = capacity,
            GuestsAllowed = guests, WaitlistEnabled = true, CancellationCutoffHours = 24,
            MinimumTierId = minimumTier is null ? null : tiers[minimumTier],
            CreatedAt = now.AddDays(-21), UpdatedAt = now.AddDays(-21),
            Interests = speaksTo.Select(name => new BenefitInterest { InterestId = interests[name] }).ToList(),
            Stores = [new BenefitStore { StoreId = storeId }],
        };

        var runClub = Event("Saturday run club", "An easy-paced **5 km loop** along the river, coffee afterwards.\n\n- All paces welcome\n- Bag drop in store",
            DaysUntil(today, DayOfWeek.Saturday), 9, 2, coventGarden, 40, ["Running", "Coffee mornings"], guests: true);
        runClub.EarlyAccessTierId = tiers["Gold"];
        runClub.EarlyAccessHours = 48;
        // Today's event starts at 18:00, or on the hour already under way when seeding later, so staff always have a roster today.
        var localHour = TimeZoneInfo.ConvertTimeFromUtc(now, zone).Hour;
        var tonight = Event("Trail shoe fitting evening", "Our footwear team fits trail shoes on the treadmill and talks grip, drop and cushioning.",
            0, localHour < 17 ? 18 : localHour, 2, coventGarden, 16, ["Trail running", "Running"]);
        var autumnRun = Event("Autumn trail run", "A 12 km trail run with the store team, finishing with soup by the fire.",
            -20, 9, 3, coventGarden, 25, ["Trail running", "Hiking"]);
        var repair = Event("Kit repair workshop", "Bring a jacket or tent with a tear; we'll show you how to patch it so it lasts another ten seasons.",
            12, 18, 2, stores["Manchester Arndale"], 12, ["Sustainability", "Workshops"]);
        var summit = Event("Gold members' summit evening", "A private evening with the team behind our new mountain range. Drinks and a first look.",
            20, 19, 3, stores["Edinburgh Princes Street"], 30, ["Hiking", "Climbing"], guests: true, minimumTier: "Gold");
        var yoga = Event("Sunrise yoga on the terrace", "Forty-five minutes of gentle flow before the store opens. Mats provided.",
            5, 7, 1, stores["Bristol Cabot Circus"], 8, ["Yoga", "Wellbeing"]);

        var trial = new Benefit
        {
            Kind = BenefitKind.Trial, Status = BenefitStatus.Published, Title = "30-day trail shoe wear trial",
            Description = "Take a pair of our new trail shoes for 30 days. Run in them, get them muddy. Keep them or bring them back.",
            ProductName = "Ridgeline Trail 3", Capacity = 20, TrialDays = 30, PickupStoreId = coventGarden, CancellationCutoffHours = 0,
            CreatedAt = now.AddDays(-40), UpdatedAt = now.AddDays(-40),
            Interests = [new BenefitInterest { InterestId = interests["Trail running"] }, new BenefitInterest { InterestId = interests["Running"] }],
            Stores = [new BenefitStore { StoreId = coventGarden }],
        };

        var guidance = new Benefit
        {
            Kind = BenefitKind.Guidance, Status = BenefitStatus.Published, Title = "Gait analysis with a running coach",
            Description = "Thirty minutes on the treadmill with Priya, a qualified running coach, to look at your stride and what you run in.",
            ExpertUserId = expertId, SlotMinutes = 30, CancellationCutoffHours = 12, LocationStoreId = coventGarden,
            AvailableFrom = DateOnly.FromDateTime(today), AvailableUntil = DateOnly.FromDateTime(today.AddDays(27)),
            CreatedAt = now.AddDays(-10), UpdatedAt = now.AddDays(-10),
            Interests = [new BenefitInterest { InterestId = interests["Running"] }, new BenefitInterest { InterestId = interests["Wellbeing"] }],
            Stores = [new BenefitStore { StoreId = coventGarden }],
            Availability =
            [
                new GuidanceAvailability { Day = DayOfWeek.Tuesday, StartTime = new TimeOnly(17, 0), EndTime = new TimeOnly(19, 0) },
                new GuidanceAvailability { Day = DayOfWeek.Thursday, StartTime = new TimeOnly(17, 0), EndTime = new TimeOnly(19, 0) },
            ],
        };

        db.Benefits.AddRange(autumnRun, runClub, tonight, repair, summit, yoga, trial, guidance);
        await db.SaveChangesAsync(ct);

        // Each demo benefit gets one of the built-in illustrations (static SVG files of ours, not uploads).
        (Benefit Benefit, string Illustration)[] pictures =
        [
            (autumnRun, BenefitIllustrations.TrailRun), (runClub, BenefitIllustrations.RunClub), (tonight, BenefitIllustrations.TrailEvening),
            (repair, BenefitIllustrations.RepairWorkshop), (summit, BenefitIllustrations.SummitEvening), (yoga, BenefitIllustrations.SunriseYoga),
            (trial, BenefitIllustrations.ShoeTrial), (guidance, BenefitIllustrations.GaitCoach),
        ];
        db.BenefitImages.AddRange(pictures.Select(p => new BenefitImage
        {
            BenefitId = p.Benefit.Id, ContentType = "image/svg+xml", Illustration = p.Illustration, UpdatedAt = p.Benefit.UpdatedAt,
        }));

        var slots = new List<GuidanceSlot>();
        for (var day = today; day <= today.AddDays(27); day = day.AddDays(1))
        {
            foreach (var window in guidance.Availability.Where(a => a.Day == day.DayOfWeek))
            {
                for (var start = window.StartTime; start.AddMinutes(guidance.SlotMinutes) <= window.EndTime && start >= window.StartTime; start = start.AddMinutes(guidance.SlotMinutes))
                {
                    var startsAt = TimeZoneInfo.ConvertTimeToUtc(day.Add(start.ToTimeSpan()), zone);
                    if (startsAt > now) slots.Add(new GuidanceSlot { BenefitId = guidance.Id, StartsAt = startsAt, EndsAt = startsAt.AddMinutes(guidance.SlotMinutes) });
                }
            }
        }
        db.GuidanceSlots.AddRange(slots);
        await db.SaveChangesAsync(ct);

        var bookings = new List<Booking>();
        var next = 0;
        void Fill(Benefit benefit, int confirmed, int waitlisted)
        {
            for (var i = 0; i < confirmed && next < crowd.Count; i++)
            {
                var seats = benefit.GuestsAllowed && i % 5 == 0 ? 2 : 1;
                if (benefit.Taken + seats > benefit.Capacity) seats = 1;
                benefit.Taken += seats;
                bookings.Add(new Booking { BenefitId = benefit.Id, MemberId = crowd[next++], Status = BookingStatus.Confirmed, Seats = seats, CreatedAt = now.AddDays(-14).AddMinutes(i * 37) });
            }
            for (var i = 0; i < waitlisted && next < crowd.Count; i++)
            {
                var at = now.AddDays(-3).AddMinutes(i * 53);
                bookings.Add(new Booking { BenefitId = benefit.Id, MemberId = crowd[next++], Status = BookingStatus.Waitlisted, CreatedAt = at, WaitlistedAt = at });
            }
        }

        Fill(runClub, 31, 0);
        Fill(tonight, 12, 0);
        Fill(repair, 12, 4);
        Fill(summit, 9, 0);
        Fill(yoga, 8, 3);

        // A past event: most came, a few did not, and the demo member was there.
        var autumnAttendees = new List<Booking>();
        for (var i = 0; i < 18 && next < crowd.Count; i++)
        {
            var came = i % 6 != 5;
            autumnRun.Taken += 1;
            var booking = new Booking
            {
                BenefitId = autumnRun.Id, MemberId = crowd[next++], Status = came ? BookingStatus.Attended : BookingStatus.NoShow,
                CreatedAt = autumnRun.StartsAt!.Value.AddDays(-9), CheckedInAt = came ? autumnRun.StartsAt.Value.AddMinutes(-10 + i) : null,
            };
            bookings.Add(booking);
            if (came) autumnAttendees.Add(booking);
        }
        autumnRun.Taken += 1;
        var demoAutumn = new Booking
        {
            BenefitId = autumnRun.Id, MemberId = demoMemberId, Status = BookingStatus.Attended,
            CreatedAt = autumnRun.StartsAt!.Value.AddDays(-6), CheckedInAt = autumnRun.StartsAt.Value.AddMinutes(-5),
        };
        bookings.Add(demoAutumn);
        autumnAttendees.Add(demoAutumn);

        // The demo member: going to the run club, with a trial out that is due back soon.
        runClub.Taken += 1;
        bookings.Add(new Booking { BenefitId = runClub.Id, MemberId = demoMemberId, Status = BookingStatus.Confirmed, CreatedAt = now.AddDays(-2) });
        trial.Taken += 1;
        bookings.Add(new Booking
        {
            BenefitId = trial.Id, MemberId = demoMemberId, Status = BookingStatus.HandedOut, CreatedAt = now.AddDays(-30),
            HandedOutAt = now.AddDays(-27), DueAt = now.AddDays(3),
        });
        // Others on the trial: some waiting to collect, some out, one overdue, and finished ones for the keep rate.
        for (var i = 0; i < 9 && next < crowd.Count; i++)
        {
            var status = i switch { < 3 => BookingStatus.Confirmed, < 6 => BookingStatus.HandedOut, < 8 => BookingStatus.Kept, _ => BookingStatus.Returned };
            var handedOut = now.AddDays(-10 - i * 3);
            var live = status is BookingStatus.Confirmed or BookingStatus.HandedOut;
            if (live) trial.Taken += 1;
            bookings.Add(new Booking
            {
                BenefitId = trial.Id, MemberId = crowd[next++], Status = status, CreatedAt = handedOut.AddDays(-2),
                HandedOutAt = status == BookingStatus.Confirmed ? null : handedOut,
                DueAt = status == BookingStatus.Confirmed ? null : handedOut.AddDays(trial.TrialDays),
                ClosedAt = live ? null : handedOut.AddDays(20),
            });
        }
        foreach (var slot in slots.Where((_, i) => i % 3 == 1).Take(6).TakeWhile(_ => next < crowd.Count))
        {
            bookings.Add(new Booking { BenefitId = guidance.Id, MemberId = crowd[next++], Status = BookingStatus.Confirmed, SlotId = slot.Id, CreatedAt = now.AddDays(-1) });
        }
        db.Bookings.AddRange(bookings);
        await db.SaveChangesAsync(ct);

        // Attending is part of the member's history, keyed as staff check-in keys it.
        db.Activities.AddRange(autumnAttendees.Select(b => new Activity
        {
            MemberId = b.MemberId, Type = ActivityType.EventAttended, OccurredAt = b.CheckedInAt!.Value, StoreId = coventGarden,
            Points = StarterRules.SeedPoints(ActivityType.EventAttended, null),
            SourceKey = $"event-attended:{b.Id}", Description = autumnRun.Title,
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Days from today to the next <paramref name="day"/>, 1 to 7 (never today).</summary>
    private static int DaysUntil(DateTime today, DayOfWeek day)
    {
        var days = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return days == 0 ? 7 : days;
    }
}
