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
    public async Task Get_my_profile_gives_the_callers_own_profile(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await db.AddMemberAsync("Jo Smith");
        var (member, caller) = await db.AddMemberAsync("Alex Morgan");

        var profile = await db.Get<MemberService>().GetMyProfileAsync(caller!, Ct);

        Assert.Equal((member.Id, "Alex Morgan"), (profile?.Id, profile?.PreferredName));
    }
}
