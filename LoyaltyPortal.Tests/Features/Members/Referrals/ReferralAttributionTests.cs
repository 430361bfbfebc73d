using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Referrals;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members.Referrals;

/// <summary>Naming a referrer after joining: every refusal, and the one way it is accepted.</summary>
public sealed class ReferralAttributionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_recent_member_can_add_the_friend_who_invited_them_in_any_case(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (friend, _, code) = await db.AddReferrerAsync("Priya Shah");
        var (me, caller, _) = await db.AddReferrerAsync("Jo Lee");

        var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, " " + code.ToLowerInvariant().Replace("-", "") + " ", Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("Priya Shah", result.Message, StringComparison.Ordinal);
        Assert.Equal(friend.Id, await db.MemberAsync(me.Id, m => m.ReferredByMemberId));
    }

    [Theory, AllProviders]
    public async Task A_malformed_code_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (me, caller, _) = await db.AddReferrerAsync("Jo Lee");

        foreach (var bad in new[] { "", "hello", "REF-12345O", "DEMO2026", "REF-ABCDEFG", "REF-ABC\0EF", new string('R', 500) })
        {
            var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, bad, Ct);
            Assert.Equal(ReferralRefusal.Malformed, result.Refusal);
        }
        Assert.Null(await db.MemberAsync(me.Id, m => m.ReferredByMemberId));
    }

    [Theory, AllProviders]
    public async Task An_unknown_code_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, caller, _) = await db.AddReferrerAsync("Jo Lee");

        var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, "REF-ZZZZZZ", Ct);

        Assert.Equal(ReferralRefusal.Unknown, result.Refusal);
    }

    [Theory, AllProviders]
    public async Task The_code_of_an_anonymised_member_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (gone, _, code) = await db.AddReferrerAsync("Gone Member");
        await db.QueryAsync(c => c.Members.Where(m => m.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.AnonymisedAt, DateTime.UtcNow), Ct));
        var (_, caller, _) = await db.AddReferrerAsync("Jo Lee");

        var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, code, Ct);

        Assert.Equal(ReferralRefusal.ReferrerAnonymised, result.Refusal);
    }

    [Theory, AllProviders]
    public async Task A_member_cannot_refer_themselves(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (me, caller, code) = await db.AddReferrerAsync("Jo Lee");

        var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, code, Ct);

        Assert.Equal(ReferralRefusal.SelfReferral, result.Refusal);
        Assert.Null(await db.MemberAsync(me.Id, m => m.ReferredByMemberId));
    }

    [Theory, AllProviders]
    public async Task A_member_cannot_name_someone_they_brought_in_even_several_steps_down(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (me, caller, _) = await db.AddReferrerAsync("Jo Lee");
        var (child, _, childCode) = await db.AddReferrerAsync("Child", referredBy: me.Id);
        var (grandchild, _, _) = await db.AddReferrerAsync("Grandchild", referredBy: child.Id);
        var (_, _, greatCode) = await db.AddReferrerAsync("Great-grandchild", referredBy: grandchild.Id);
        var referrals = db.Get<ReferralService>();

        var direct = await referrals.AddMyReferrerAsync(caller!, childCode, Ct);
        var deep = await referrals.AddMyReferrerAsync(caller!, greatCode, Ct);

        Assert.Equal(ReferralRefusal.Circular, direct.Refusal);
        Assert.Equal(ReferralRefusal.Circular, deep.Refusal);
        Assert.Null(await db.MemberAsync(me.Id, m => m.ReferredByMemberId));
    }

    [Theory, AllProviders]
    public async Task A_second_referrer_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (first, _, _) = await db.AddReferrerAsync("First Friend");
        var (_, _, secondCode) = await db.AddReferrerAsync("Second Friend");
        var (me, caller, _) = await db.AddReferrerAsync("Jo Lee", referredBy: first.Id);

        var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, secondCode, Ct);

        Assert.Equal(ReferralRefusal.AlreadyReferred, result.Refusal);
        Assert.Equal(first.Id, await db.MemberAsync(me.Id, m => m.ReferredByMemberId));
    }

    [Theory, AllProviders]
    public async Task A_referrer_can_only_be_added_in_the_first_thirty_days(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, _, code) = await db.AddReferrerAsync("Priya Shah");
        var (_, caller, _) = await db.AddReferrerAsync("Jo Lee", joinedDaysAgo: 31);

        var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, code, Ct);

        Assert.Equal(ReferralRefusal.TooLate, result.Refusal);
    }

    [Theory, AllProviders]
    public async Task Two_members_naming_each_other_at_once_never_make_a_loop(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var (a, callerA, codeA) = await db.AddReferrerAsync("Ann");
        var (b, callerB, codeB) = await db.AddReferrerAsync("Ben");
        var referrals = db.Get<ReferralService>();

        var results = await Task.WhenAll(
            Task.Run(() => referrals.AddMyReferrerAsync(callerA!, codeB, Ct), Ct),
            Task.Run(() => referrals.AddMyReferrerAsync(callerB!, codeA, Ct), Ct));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Refusal == ReferralRefusal.Circular);
        var referrers = await db.QueryAsync(c => c.Members.Where(m => m.Id == a.Id || m.Id == b.Id).Select(m => m.ReferredByMemberId).ToListAsync(Ct));
        Assert.Single(referrers, r => r is not null);
    }

    [Theory, AllProviders]
    public async Task Someone_joining_now_is_checked_for_shape_and_existence_only(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (_, _, code) = await db.AddReferrerAsync("Priya Shah");
        var referrals = db.Get<ReferralService>();

        Assert.Null(await referrals.CheckCodeForNewMemberAsync(code.ToLowerInvariant(), Ct));
        Assert.NotNull(await referrals.CheckCodeForNewMemberAsync("REF-ZZZZZZ", Ct));
        Assert.NotNull(await referrals.CheckCodeForNewMemberAsync("nonsense", Ct));
    }

    [Theory, AllProviders]
    public async Task Registering_with_a_code_attributes_the_new_member_and_gives_them_their_own_code(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (friend, _, code) = await db.AddReferrerAsync("Priya Shah");
        var user = await db.AddUserAsync(Roles.Member);

        var id = await db.Get<MemberService>().CreateForUserAsync(user.UserId, "New Person", "new@example.com", null, false, false, Ct, referralCode: code);

        Assert.Equal(friend.Id, await db.MemberAsync(id, m => m.ReferredByMemberId));
        Assert.NotNull(ReferralRules.Normalize(await db.MemberAsync(id, m => m.ReferralCode)));
    }

    [Fact]
    public void Referral_codes_are_read_in_any_case_with_or_without_the_dash_and_never_look_like_member_codes()
    {
        Assert.Equal("REF-K7M2QP", ReferralRules.Normalize("ref-k7m2qp"));
        Assert.Equal("REF-K7M2QP", ReferralRules.Normalize(" REF K7M2QP "));
        Assert.Equal("REF-K7M2QP", ReferralRules.Normalize("refk7m2qp"));
        Assert.Null(ReferralRules.Normalize("K7M2QP"));
        Assert.Null(ReferralRules.Normalize(MemberRules.NewMemberCode()));
        Assert.Matches("^REF-[2-9A-HJ-NP-Z]{6}$", ReferralRules.NewCode());
        Assert.Equal(10_000, Enumerable.Range(1, 10_000).Select(ReferralRules.CodeFor).Distinct().Count());
    }
}
