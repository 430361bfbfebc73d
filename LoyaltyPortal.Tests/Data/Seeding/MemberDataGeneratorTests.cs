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

    private static MemberDataGenerator Generator() =>
        new(DemoSeeder.Seed, Now, [1, 2, 3, 4, 5], [new StaffRef("staff-1", "Sam Okafor", 1)], Enumerable.Range(1, 14).ToList());

    /// <summary>Generated members hold their interests in an array, which records compare by reference.</summary>
    private static readonly IEqualityComparer<GeneratedMember> MemberComparer = EqualityComparer<GeneratedMember>.Create(
        (a, b) => a! with { InterestIds = [] } == b! with { InterestIds = [] } && a.InterestIds.SequenceEqual(b.InterestIds));
}
