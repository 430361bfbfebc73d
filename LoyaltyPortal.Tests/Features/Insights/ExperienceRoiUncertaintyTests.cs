using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>
/// The ROI's 95% interval and when it may make a claim. Every attendee attends on 10 Jul 2026 and has one visit in the
/// 60 days before; each test sets how many visits each group makes in the 60 days after. The clock reads 20 Nov 2026.
/// </summary>
public sealed class ExperienceRoiUncertaintyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly InsightsFilter JuneToOctober = new(new(2026, 6, 1), new(2026, 10, 31));
    private static readonly DateTime ReferenceDay = new(2026, 7, 10, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Attendees and non-attendees, each with one visit before the reference day and the given visits after it.</summary>
    private static async Task SeedAsync(
        TestDb db, int attendees, int others, Func<int, int> attendeeVisitsAfter, Func<int, int> otherVisitsAfter)
    {
        var social = await db.AddExperienceAsync(BenefitKind.Event, "Summer social", ReferenceDay);
        await using var context = db.NewContext();
        var members = Enumerable.Range(0, attendees + others).Select(i => new Member
        {
            MemberCode = MemberRules.NewMemberCode(), PreferredName = $"Member {i}", SearchName = $"member {i}",
            JoinedAt = ExperienceInsightsTestData.LongAgo,
        }).ToList();
        context.Members.AddRange(members);
        await context.SaveChangesAsync(Ct);
        for (var i = 0; i < members.Count; i++)
        {
            var attended = i < attendees;
            if (attended)
            {
                context.Bookings.Add(new Booking
                {
                    BenefitId = social.Id, MemberId = members[i].Id, Status = BookingStatus.Attended,
                    CreatedAt = ReferenceDay, CheckedInAt = ReferenceDay,
                });
            }
            var after = attended ? attendeeVisitsAfter(i) : otherVisitsAfter(i - attendees);
            foreach (var at in Enumerable.Range(1, after).Select(d => ReferenceDay.AddDays(d)).Prepend(ReferenceDay.AddDays(-20)))
            {
                context.Activities.Add(new Activity
                {
                    MemberId = members[i].Id, Type = ActivityType.Visit, OccurredAt = at, SourceKey = Guid.NewGuid().ToString("N"),
                });
            }
        }
        await context.SaveChangesAsync(Ct);
    }

    private static async Task<ExperienceRoi> RoiAsync(TestDb db) =>
        await db.Get<ExperienceInsightsService>().GetRoiAsync(await db.AddUserAsync(Roles.Manager), JuneToOctober, Ct);

    [Theory, AllProviders]
    public async Task Roi_for_the_same_filter_twice_gives_the_same_interval(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await SeedAsync(db, 40, 200, i => i % 5, i => i % 4);

        var first = await RoiAsync(db);
        var second = await RoiAsync(db);

        Assert.NotNull(first.Visits);
        Assert.Equal(first, second);
    }

    /// <summary>Evenly spaced probes over the id range picked a new comparison group whenever anyone joined.</summary>
    [Theory, AllProviders]
    public async Task Roi_comparison_group_stays_the_same_when_members_join(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await SeedAsync(db, 40, 200, i => i % 5, i => i % 7);
        var before = await RoiAsync(db);

        for (var i = 0; i < 10; i++) await db.AddMemberAsync($"Newcomer {i}", withLogin: false);
        var after = await RoiAsync(db);

        Assert.Equal(before.Others, after.Others);
        Assert.Equal((before.Visits, before.Spend), (after.Visits, after.Spend));
    }

    [Theory, AllProviders]
    public async Task Roi_with_a_clear_effect_claims_it_with_an_interval_that_excludes_zero(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await SeedAsync(db, 40, 40, i => 3 + i % 3, i => i % 3);

        var roi = await RoiAsync(db);

        var visits = Assert.IsType<RoiEffect>(roi.Visits);
        Assert.Equal(3, visits.Difference, 6);
        Assert.True(visits.Low > 0 && visits.Low <= 3 && visits.High >= 3, $"95% interval {visits.Low} to {visits.High}");
        Assert.Equal(RoiVerdict.ClearDifference, roi.VerdictOn(roi.Visits));
        // Nobody bought anything: no difference in spend, and no claim about it.
        Assert.Equal(RoiVerdict.NoClearDifference, roi.VerdictOn(roi.Spend));
    }

    [Theory, AllProviders]
    public async Task Roi_makes_no_claim_when_the_interval_spans_zero(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await SeedAsync(db, 40, 40, i => i % 4, i => (i + 1) % 4);

        var roi = await RoiAsync(db);

        var visits = Assert.IsType<RoiEffect>(roi.Visits);
        Assert.True(visits.Low < 0 && visits.High > 0, $"95% interval {visits.Low} to {visits.High}");
        Assert.Equal(RoiVerdict.NoClearDifference, roi.VerdictOn(roi.Visits));
    }

    [Theory, AllProviders]
    public async Task Roi_makes_no_claim_when_a_group_is_smaller_than_the_minimum(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await SeedAsync(db, RoiUncertainty.MinimumGroupSize - 1, 60, i => 3 + i % 3, i => i % 3);

        var roi = await RoiAsync(db);

        Assert.Equal(RoiUncertainty.MinimumGroupSize - 1, roi.Attendees.Members);
        Assert.False(roi.HasEnoughMembers);
        Assert.True(roi.Visits!.Low > 0, "the effect is clear, yet the groups are too small to claim it");
        Assert.Equal(RoiVerdict.TooFewMembers, roi.VerdictOn(roi.Visits));
    }
}
