using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>The staff recognition card and record visit. The visit window is 120 minutes; now is 20 Nov 2026 10:00 UTC.</summary>
public sealed class RecognitionServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<List<Activity>> VisitsAsync(TestDb db, int memberId) =>
        db.QueryAsync(c => c.Activities.Where(a => a.MemberId == memberId && a.Type == ActivityType.Visit).OrderBy(a => a.Id).ToListAsync(Ct));

    [Theory, AllProviders]
    public async Task Recording_a_visit_appends_one_visit_with_points_at_the_staff_members_store(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");

        var result = await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);

        Assert.Equal((true, "Visit recorded for Alex Morgan."), (result.Succeeded, result.Message));
        var visit = Assert.Single(await VisitsAsync(db, member.Id));
        Assert.Equal((10, (int?)store.Id, staff.UserId), (visit.Points, visit.StoreId, visit.StaffUserId));
    }

    [Theory, AllProviders]
    public async Task A_second_tap_within_the_window_says_already_recorded_and_adds_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");
        var service = db.Get<RecognitionService>();
        await service.RecordVisitAsync(staff, member.Id, Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(119));

        var again = await service.RecordVisitAsync(staff, member.Id, Ct);

        Assert.Equal((true, "Alex Morgan's visit is already recorded."), (again.Succeeded, again.Message));
        Assert.Single(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task A_colleague_at_the_same_store_within_the_window_records_no_second_visit(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, _) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();
        await service.RecordVisitAsync(await db.AddUserAsync(Roles.Staff, "Sam", storeId: store.Id), member.Id, Ct);

        await service.RecordVisitAsync(await db.AddUserAsync(Roles.Staff, "Kim", storeId: store.Id), member.Id, Ct);

        Assert.Single(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task After_the_window_a_new_visit_is_recorded_without_points_the_same_day(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");
        var service = db.Get<RecognitionService>();
        await service.RecordVisitAsync(staff, member.Id, Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(121));

        var later = await service.RecordVisitAsync(staff, member.Id, Ct);

        Assert.Equal("Visit recorded for Alex Morgan.", later.Message);
        Assert.Equal([10, 0], (await VisitsAsync(db, member.Id)).Select(v => v.Points));
    }

    [Theory, AllProviders]
    public async Task A_visit_at_another_store_within_the_window_is_a_new_visit_with_points(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();
        await service.RecordVisitAsync(await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync("Covent Garden")).Id), member.Id, Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(30));

        await service.RecordVisitAsync(await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync("Leeds")).Id), member.Id, Ct);

        Assert.Equal([10, 10], (await VisitsAsync(db, member.Id)).Select(v => v.Points));
    }

    [Theory, AllProviders]
    public async Task Recording_a_visit_as_a_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<RecognitionService>().RecordVisitAsync(caller!, member.Id, Ct));
        Assert.Empty(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Recording_a_visit_as_a_manager_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager, storeId: (await db.AddStoreAsync()).Id);
        var (member, _) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<RecognitionService>().RecordVisitAsync(manager, member.Id, Ct));
        Assert.Empty(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Recording_a_visit_as_staff_without_a_store_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff);
        var (member, _) = await db.AddMemberAsync();

        var result = await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);

        Assert.False(result.Succeeded);
        Assert.Empty(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Recording_a_visit_as_staff_of_a_store_that_no_longer_exists_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff);
        var (member, _) = await db.AddMemberAsync();

        var result = await db.Get<RecognitionService>().RecordVisitAsync(staff with { StoreId = 999_999 }, member.Id, Ct);

        Assert.False(result.Succeeded);
        Assert.Empty(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Recording_a_visit_for_an_unknown_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);

        var result = await db.Get<RecognitionService>().RecordVisitAsync(staff, 999_999, Ct);

        Assert.Equal((false, "We couldn't find that member."), (result.Succeeded, result.Message));
    }

    [Theory, AllProviders]
    public async Task Recording_a_visit_for_an_anonymised_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (member, caller) = await db.AddMemberAsync();
        await db.Get<PersonalDataService>().AnonymiseAsync(caller!.UserId, Ct);

        var result = await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);

        Assert.False(result.Succeeded);
        Assert.Empty(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Ten_simultaneous_taps_record_exactly_one_visit(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (member, _) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => service.RecordVisitAsync(staff, member.Id, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(await VisitsAsync(db, member.Id));
        Assert.Equal(10, await db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == member.Id).Select(s => s.PointsInWindow).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_recorded_visit_tells_the_members_open_pages_once_and_a_repeat_does_not(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (member, _) = await db.AddMemberAsync();
        var raised = new List<(int, MemberChange)>();
        db.Get<MemberEvents>().Changed += (id, change) => raised.Add((id, change));
        var service = db.Get<RecognitionService>();

        await service.RecordVisitAsync(staff, member.Id, Ct);
        await service.RecordVisitAsync(staff, member.Id, Ct);

        Assert.Equal([(member.Id, MemberChange.Activity)], raised);
    }

    [Theory, AllProviders]
    public async Task The_card_finds_a_member_by_code_in_any_case_and_with_spaces_around(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");
        var service = db.Get<RecognitionService>();

        var card = await service.GetCardAsync(staff, $"  {member.MemberCode.ToLowerInvariant()} ", Ct);

        Assert.Equal((member.Id, "AM"), (card?.MemberId, card?.Initials));
    }

    [Theory, AllProviders]
    public async Task The_card_shows_the_last_visit_and_tier_points_after_recording_a_visit(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (member, _) = await db.AddMemberAsync();
        var service = db.Get<RecognitionService>();
        await service.RecordVisitAsync(staff, member.Id, Ct);

        var card = await service.GetCardAsync(staff, member.MemberCode, Ct);

        Assert.Equal(((DateTime?)db.Clock.GetUtcNow().UtcDateTime, 10), (card!.LastVisit?.At, card.Tier.Points));
    }

    public static TheoryData<DatabaseProvider, string> CodesNobodyHas => new(
        TestDb.Providers.SelectMany(p => new[] { "", "   ", "ZZZZZZZZ", "'; DROP TABLE \"Members\"; --", "%", new string('A', 10_000) }.Select(code => (p, code))));

    [Theory, MemberData(nameof(CodesNobodyHas))]
    public async Task The_card_for_a_code_nobody_has_is_null(DatabaseProvider provider, string code)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        await db.AddMemberAsync();

        Assert.Null(await db.Get<RecognitionService>().GetCardAsync(staff, code, Ct));
    }

    [Theory, AllProviders]
    public async Task The_card_for_an_anonymised_member_is_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: (await db.AddStoreAsync()).Id);
        var (member, caller) = await db.AddMemberAsync();
        await db.Get<PersonalDataService>().AnonymiseAsync(caller!.UserId, Ct);

        Assert.Null(await db.Get<RecognitionService>().GetCardAsync(staff, member.MemberCode, Ct));
    }

    [Theory, AllProviders]
    public async Task The_card_for_a_member_caller_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<RecognitionService>().GetCardAsync(caller!, member.MemberCode, Ct));
    }
}
