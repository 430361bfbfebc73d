using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members;

/// <summary><see cref="MemberService"/>: creating members at registration and reading a member's detail.</summary>
public sealed class MemberServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Create_for_user_creates_the_member_with_normalised_contact_details(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var user = await db.AddUserAsync(Roles.Member);

        var id = await db.Get<MemberService>().CreateForUserAsync(user.UserId, "  Zoë Müller ", " Zoe.Muller@Example.com ", "07400 900123", true, false, Ct);

        var member = await db.QueryAsync(c => c.Members.SingleAsync(m => m.Id == id, Ct));
        Assert.Equal(user.UserId, member.UserId);
        Assert.Equal(("Zoë Müller", "zoe muller"), (member.PreferredName, member.SearchName));
        Assert.Equal(("Zoe.Muller@Example.com", "zoe.muller@example.com"), (member.Email, member.SearchEmail));
        Assert.Equal("+447400900123", member.Phone);
        Assert.Equal((true, false), (member.ConsentContact, member.ConsentProfiling));
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, member.JoinedAt);
        Assert.Matches($"^[{MemberRules.CodeAlphabet}]{{{MemberRules.CodeLength}}}$", member.MemberCode);
    }

    [Theory, AllProviders]
    public async Task Create_for_user_records_one_joined_activity(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var user = await db.AddUserAsync(Roles.Member);

        var id = await db.Get<MemberService>().CreateForUserAsync(user.UserId, "Alex", "alex@example.com", null, false, false, Ct);

        var activities = await db.QueryAsync(c => c.Activities.Where(a => a.MemberId == id).ToListAsync(Ct));
        var joined = Assert.Single(activities);
        Assert.Equal((ActivityType.Joined, db.Clock.GetUtcNow().UtcDateTime), (joined.Type, joined.OccurredAt));
    }

    [Theory, AllProviders]
    public async Task Create_for_user_gives_each_member_a_different_code(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var service = db.Get<MemberService>();
        var first = await service.CreateForUserAsync((await db.AddUserAsync(Roles.Member)).UserId, "Alex", "a@example.com", null, false, false, Ct);
        var second = await service.CreateForUserAsync((await db.AddUserAsync(Roles.Member)).UserId, "Sam", "s@example.com", null, false, false, Ct);

        var codes = await db.QueryAsync(c => c.Members.Where(m => m.Id == first || m.Id == second).Select(m => m.MemberCode).Distinct().CountAsync(Ct));

        Assert.Equal(2, codes);
    }

    [Theory, AllProviders]
    public async Task Get_detail_lets_a_manager_read_any_member_with_totals(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var manager = await db.AddUserAsync(Roles.Manager, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Jo Smith");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddDays(-5), store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Visit, now.AddDays(-2), store.Id);
        await db.AddActivityAsync(member.Id, ActivityType.Purchase, now.AddDays(-2), store.Id, 12.50m);
        await db.AddActivityAsync(member.Id, ActivityType.Purchase, now.AddDays(-1), store.Id, 30m);

        var detail = await db.Get<MemberService>().GetDetailAsync(manager, member.Id, Ct);

        Assert.NotNull(detail);
        Assert.Equal("Jo Smith", detail.Profile.PreferredName);
        Assert.Equal((2, 2, 42.50m, now.AddDays(-2)), (detail.Visits, detail.Purchases, detail.Spend, detail.LastVisit));
        Assert.Equal(4, detail.RecentActivity.Count);
        Assert.Equal(store.Name, detail.RecentActivity[0].StoreName);
    }

    [Theory, AllProviders]
    public async Task Get_detail_shows_a_manager_the_staff_notes_newest_first(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (member, _) = await db.AddMemberAsync();
        await AddNoteAsync(db, member.Id, "Older note", db.Clock.GetUtcNow().UtcDateTime.AddDays(-3));
        await AddNoteAsync(db, member.Id, "Newer note", db.Clock.GetUtcNow().UtcDateTime.AddDays(-1));

        var detail = await db.Get<MemberService>().GetDetailAsync(manager, member.Id, Ct);

        Assert.Equal(["Newer note", "Older note"], detail!.Notes.Select(n => n.Text));
    }

    [Theory, AllProviders]
    public async Task Get_detail_lets_a_member_read_themselves(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync("Alex Morgan");

        var detail = await db.Get<MemberService>().GetDetailAsync(caller!, member.Id, Ct);

        Assert.Equal("Alex Morgan", detail?.Profile.PreferredName);
    }

    [Theory, AllProviders]
    public async Task Get_detail_of_another_member_gives_a_member_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller) = await db.AddMemberAsync("Alex Morgan");
        var (other, _) = await db.AddMemberAsync("Jo Smith");

        Assert.Null(await db.Get<MemberService>().GetDetailAsync(caller!, other.Id, Ct));
    }

    [Theory, AllProviders]
    public async Task Get_detail_gives_staff_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync(homeStoreId: store.Id);

        Assert.Null(await db.Get<MemberService>().GetDetailAsync(staff, member.Id, Ct));
    }

    [Theory, AllProviders]
    public async Task Get_detail_of_unknown_member_gives_a_manager_null(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        Assert.Null(await db.Get<MemberService>().GetDetailAsync(manager, 999_999, Ct));
    }

    [Theory, AllProviders]
    public async Task Get_my_profile_gives_the_callers_own_profile(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddMemberAsync("Jo Smith");
        var (member, caller) = await db.AddMemberAsync("Alex Morgan");

        var profile = await db.Get<MemberService>().GetMyProfileAsync(caller!, Ct);

        Assert.Equal((member.Id, "Alex Morgan"), (profile?.Id, profile?.PreferredName));
    }

    private static async Task AddNoteAsync(TestDb db, int memberId, string text, DateTime at)
    {
        await using var context = db.NewContext();
        context.StaffNotes.Add(new StaffNote { MemberId = memberId, AuthorUserId = "staff", AuthorName = "Sam Okafor", Text = text, CreatedAt = at });
        await context.SaveChangesAsync(Ct);
    }
}
