using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Recognition;

namespace LoyaltyPortal.Tests.Features.Races;

/// <summary>Staff at several stores record the same member at the same moment: every visit and purchase counts, once.</summary>
public sealed class VisitRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Race_first_visits_at_ten_stores_for_a_member_without_a_standing_all_count(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 10);
        var (member, _) = await db.AddMemberAsync("Rae Race");
        var recognition = db.Get<RecognitionService>();

        var results = await RaceKit.AtOnceAsync(staff.Count, i => recognition.RecordVisitAsync(staff[i], member.Id, Ct));

        Assert.All(results, r => Assert.Equal((true, "Visit recorded for Rae Race."), (r.Succeeded, r.Message)));
        Assert.Equal(10, await RaceKit.CountAsync(db, member.Id, ActivityType.Visit));
        await RaceKit.StandingsMatchLedgerAsync(db, member.Id);
    }

    [Theory, AllProviders]
    public async Task Race_repeat_visits_at_ten_stores_lose_no_points(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 10);
        var (member, _) = await db.AddMemberAsync("Rae Race");
        var recognition = db.Get<RecognitionService>();
        Assert.True((await recognition.RecordVisitAsync(staff[0], member.Id, Ct)).Succeeded);
        db.Clock.Advance(TimeSpan.FromDays(1));

        var results = await RaceKit.AtOnceAsync(staff.Count, i => recognition.RecordVisitAsync(staff[i], member.Id, Ct));

        Assert.All(results, r => Assert.Equal((true, "Visit recorded for Rae Race."), (r.Succeeded, r.Message)));
        Assert.Equal(11, await RaceKit.CountAsync(db, member.Id, ActivityType.Visit));
        await RaceKit.StandingsMatchLedgerAsync(db, member.Id);
    }

    [Theory, AllProviders]
    public async Task Race_the_same_visit_tapped_at_once_by_two_staff_records_one(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var store = await db.AddStoreAsync();
        var first = await db.AddUserAsync(Roles.Staff, "First", storeId: store.Id);
        var second = await db.AddUserAsync(Roles.Staff, "Second", storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Rae Race");
        var recognition = db.Get<RecognitionService>();

        var results = await RaceKit.AtOnceAsync(2, i => recognition.RecordVisitAsync(i == 0 ? first : second, member.Id, Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results, r => r.Message == "Visit recorded for Rae Race.");
        Assert.Equal(1, await RaceKit.CountAsync(db, member.Id, ActivityType.Visit));
        await RaceKit.StandingsMatchLedgerAsync(db, member.Id);
    }

    [Theory, AllProviders]
    public async Task Concurrent_purchases_at_once_all_count(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await RaceKit.StaffAtStoresAsync(db, 5);
        var (member, _) = await db.AddMemberAsync("Rae Race");
        var recognition = db.Get<RecognitionService>();

        var results = await RaceKit.AtOnceAsync(20, i =>
            recognition.RecordPurchaseAsync(staff[i % staff.Count], member.Id, new PurchaseInput(10 + i, "GBP", Guid.NewGuid()), Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(20, await RaceKit.CountAsync(db, member.Id, ActivityType.Purchase));
        await RaceKit.StandingsMatchLedgerAsync(db, member.Id);
    }

    [Fact]
    public async Task Race_two_hundred_visits_across_twenty_members_on_postgres_all_count()
    {
        Assert.SkipWhen(TestDb.PostgresConnectionString is null, $"{TestDb.PostgresVariable} is not set.");
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Postgres);
        var staff = await RaceKit.StaffAtStoresAsync(db, 10);
        var members = new List<int>();
        for (var i = 0; i < 20; i++) members.Add((await db.AddMemberAsync($"Racer {i}")).Member.Id);
        var recognition = db.Get<RecognitionService>();

        var results = await RaceKit.AtOnceAsync(200, i => recognition.RecordVisitAsync(staff[i % 10], members[i / 10], Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(200, results.Count(r => r.Message.StartsWith("Visit recorded", StringComparison.Ordinal)));
        foreach (var memberId in members) Assert.Equal(10, await RaceKit.CountAsync(db, memberId, ActivityType.Visit));
        await RaceKit.StandingsMatchLedgerAsync(db, members);
    }
}
