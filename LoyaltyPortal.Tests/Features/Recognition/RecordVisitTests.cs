using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>Staff record a visit from the member's card: once per member and store within the visit window.</summary>
public sealed class RecordVisitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<List<Activity>> VisitsAsync(TestDb db, int memberId) =>
        db.QueryAsync(c => c.Activities.Where(a => a.MemberId == memberId && a.Type == ActivityType.Visit).OrderBy(a => a.OccurredAt).ToListAsync(Ct));

    [Theory, AllProviders]
    public async Task A_visit_is_appended_with_points_store_and_staff(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam", storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Rae Visit");

        var result = await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);

        Assert.Equal((true, "Visit recorded for Rae Visit."), (result.Succeeded, result.Message));
        var visit = Assert.Single(await VisitsAsync(db, member.Id));
        Assert.Equal((10, store.Id, staff.UserId), (visit.Points, visit.StoreId, visit.StaffUserId));
    }

    [Theory, AllProviders]
    public async Task A_second_tap_within_the_window_is_the_same_visit_and_a_later_one_is_new(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var colleague = await db.AddUserAsync(Roles.Staff, "Colleague", storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Rae Visit");
        var recognition = db.Get<RecognitionService>();

        await recognition.RecordVisitAsync(staff, member.Id, Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(119));
        var again = await recognition.RecordVisitAsync(colleague, member.Id, Ct);
        Assert.Equal((true, "Rae Visit's visit is already recorded."), (again.Succeeded, again.Message));
        Assert.Single(await VisitsAsync(db, member.Id));

        db.Clock.Advance(TimeSpan.FromMinutes(2));
        await recognition.RecordVisitAsync(staff, member.Id, Ct);
        // A new visit, but the same day at the same store: the cap gives it no points.
        Assert.Equal([10, 0], (await VisitsAsync(db, member.Id)).Select(v => v.Points));
    }

    [Theory, AllProviders]
    public async Task Ten_taps_at_once_record_one_visit(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync();
        var recognition = db.Get<RecognitionService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => recognition.RecordVisitAsync(staff, member.Id, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task The_members_open_pages_hear_of_a_new_visit_but_not_of_a_repeat(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync();
        var heard = new List<(int, MemberChange)>();
        db.Get<MemberEvents>().Changed += (id, change) => heard.Add((id, change));

        await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);
        await db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct);

        Assert.Equal([(member.Id, MemberChange.Activity)], heard);
    }

    [Theory, AllProviders]
    public async Task Members_and_managers_cannot_record_visits_or_open_cards(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var (member, memberCaller) = await db.AddMemberAsync();
        var manager = await db.AddUserAsync(Roles.Manager, storeId: store.Id);
        var recognition = db.Get<RecognitionService>();

        foreach (var caller in new[] { memberCaller!, manager })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => recognition.RecordVisitAsync(caller, member.Id, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => recognition.GetCardAsync(caller, member.MemberCode, Ct));
        }
        Assert.Empty(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task Staff_without_a_store_or_an_unknown_member_are_refused_with_a_message(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var storeless = await db.AddUserAsync(Roles.Staff);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync();
        var recognition = db.Get<RecognitionService>();

        Assert.False((await recognition.RecordVisitAsync(storeless, member.Id, Ct)).Succeeded);
        Assert.Equal("We couldn't find that member.", (await recognition.RecordVisitAsync(staff, member.Id + 1000, Ct)).Message);
        Assert.Empty(await VisitsAsync(db, member.Id));
    }

    [Theory, AllProviders]
    public async Task A_card_opens_by_code_in_any_case_and_bad_codes_find_nobody(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Rae Card");
        var recognition = db.Get<RecognitionService>();

        Assert.Equal("Rae Card", (await recognition.GetCardAsync(staff, $"  {member.MemberCode.ToLowerInvariant()} ", Ct))!.PreferredName);
        foreach (var bad in new[] { "", "   ", "' OR 1=1 --", "%", "_", "😀", new string('A', 10_000), "\u202Eabc" })
        {
            Assert.Null(await recognition.GetCardAsync(staff, bad, Ct));
        }
    }
}
