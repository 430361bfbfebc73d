using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;

namespace LoyaltyPortal.Tests.Data.Seeding;

public sealed class MemberDataGeneratorTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Generate_gives_the_same_members_in_every_process()
    {
        // Pinned values: a seed that depended on per-process randomness (HashCode) would change them on every run.
        var members = Generator().Generate(firstId: 2, count: 3, averageActivities: 0).Select(g => (g.Member.Code, g.Member.Name)).ToList();

        Assert.Equal([("54JDP7JF", "Björn Taylor"), ("ZJ7FTSXD", "Oliver Nowak"), ("872RCD2V", "Grace Hernández")], members);
    }

    [Fact]
    public void Generate_gives_the_same_rows_for_the_same_id_range()
    {
        var first = Generator().Generate(firstId: 100, count: 20, averageActivities: 10).ToList();
        var second = Generator().Generate(firstId: 100, count: 20, averageActivities: 10).ToList();

        Assert.Equal(first.Select(g => g.Member), second.Select(g => g.Member), MemberComparer);
        Assert.Equal(first.SelectMany(g => g.Activities), second.SelectMany(g => g.Activities));
    }

    [Fact]
    public void Generate_gives_each_member_a_joined_entry_at_their_joining_time()
    {
        var rows = Generator().Generate(firstId: 1, count: 50, averageActivities: 5).ToList();

        Assert.All(rows, r => Assert.Contains(r.Activities, a => a.Type == ActivityType.Joined && a.OccurredAt == r.Member.JoinedAt));
    }

    [Fact]
    public void Generate_places_all_history_between_joining_and_now()
    {
        var rows = Generator().Generate(firstId: 1, count: 50, averageActivities: 20).ToList();

        Assert.All(rows.SelectMany(r => r.Activities.Select(a => (a.OccurredAt, r.Member.JoinedAt))), x => Assert.InRange(x.OccurredAt, x.JoinedAt, Now));
    }

    [Fact]
    public void Generate_refers_about_one_member_in_eight_to_an_earlier_member_in_chains_a_few_deep()
    {
        var members = Generator().Generate(firstId: 1, count: 4000, averageActivities: 5).Select(r => r.Member).ToDictionary(m => m.Id);

        var referred = members.Values.Where(m => m.ReferredById is not null).ToList();
        Assert.InRange(referred.Count / 4000.0, 0.10, 0.15);
        Assert.All(referred, m => Assert.True(m.ReferredById < m.Id && members[m.ReferredById!.Value].JoinedAt < m.JoinedAt));
        Assert.InRange(referred.Count(m => m.ReferralConvertedAt is not null) / (double)referred.Count, 0.4, 0.6);
        int Depth(GeneratedMember m) => m.ReferredById is { } id ? 1 + Depth(members[id]) : 0;
        Assert.True(referred.Max(Depth) >= 3);
        Assert.Equal(4000, members.Values.Select(m => m.ReferralCode).Distinct().Count());
    }

    [Fact]
    public void Generate_credits_each_converted_referral_once_to_the_real_referrer_at_the_first_visit_or_purchase()
    {
        var rows = Generator().Generate(firstId: 1, count: 3000, averageActivities: 8).ToList();

        var credits = rows.SelectMany(r => r.Activities).Where(a => a.Type == ActivityType.ReferralConverted).ToList();
        var converted = rows.Where(r => r.Member.ReferralConvertedAt is not null).ToList();
        Assert.Equal(converted.Count, credits.Count);
        Assert.All(converted, r =>
        {
            var credit = Assert.Single(credits, a => a.SourceKey == $"referral-converted:{r.Member.Id}");
            var first = r.Activities.Where(a => a.MemberId == r.Member.Id && a.Type is ActivityType.Visit or ActivityType.Purchase).Min(a => a.OccurredAt);
            Assert.Equal((r.Member.ReferredById!.Value, first, first), (credit.MemberId, credit.OccurredAt, r.Member.ReferralConvertedAt!.Value));
        });
        Assert.All(rows.Where(r => r.Member.ReferredById is not null && r.Member.ReferralConvertedAt is null),
            r => Assert.DoesNotContain(r.Activities, a => a.Type is ActivityType.Visit or ActivityType.Purchase));
    }

    private static MemberDataGenerator Generator() =>
        new(DemoSeeder.Seed, Now, [1, 2, 3, 4, 5], [new StaffRef("staff-1", "Sam Okafor", 1)], Enumerable.Range(1, 14).ToList());

    /// <summary>Generated members hold their interests in an array, which records compare by reference.</summary>
    private static readonly IEqualityComparer<GeneratedMember> MemberComparer = EqualityComparer<GeneratedMember>.Create(
        (a, b) => a! with { InterestIds = [] } == b! with { InterestIds = [] } && a.InterestIds.SequenceEqual(b.InterestIds));
}
