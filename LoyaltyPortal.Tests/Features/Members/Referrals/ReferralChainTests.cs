using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Referrals;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members.Referrals;

/// <summary>The manager's referral views and who may see what.</summary>
public sealed class ReferralChainTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task The_chain_shows_every_referrer_above_and_everyone_below_in_tree_order(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (root, _, _) = await db.AddReferrerAsync("Root", joinedDaysAgo: 90);
        var (parent, _, _) = await db.AddReferrerAsync("Parent", referredBy: root.Id, joinedDaysAgo: 80);
        var (me, _, _) = await db.AddReferrerAsync("Me", referredBy: parent.Id, joinedDaysAgo: 70);
        var (a, _, _) = await db.AddReferrerAsync("Child A", referredBy: me.Id, joinedDaysAgo: 60);
        var (b, _, _) = await db.AddReferrerAsync("Child B", referredBy: me.Id, joinedDaysAgo: 50);
        var (a1, _, _) = await db.AddReferrerAsync("Grandchild A1", referredBy: a.Id, joinedDaysAgo: 40);
        await db.AddReferrerAsync("Great-grandchild", referredBy: a1.Id, joinedDaysAgo: 30);
        await db.AddReferrerAsync("Unrelated", joinedDaysAgo: 20);

        var chain = await db.Get<ReferralService>().GetChainAsync(manager, me.Id, Ct);

        Assert.NotNull(chain);
        Assert.Equal(["Parent", "Root"], chain.Up.Select(p => p.Name));
        Assert.Equal([("Child A", 1), ("Grandchild A1", 2), ("Great-grandchild", 3), ("Child B", 1)], chain.Down.Select(n => (n.Person.Name, n.Depth)));
        Assert.Equal(b.Id, chain.Down[^1].Person.MemberId);
        Assert.False(chain.Truncated);
    }

    [Theory, AllProviders]
    public async Task A_very_wide_network_is_cut_at_the_limit_and_says_so(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (root, _, _) = await db.AddReferrerAsync("Root", joinedDaysAgo: 90);
        await using (var context = db.NewContext())
        {
            for (var i = 0; i < ReferralService.MaxChainNodes + 5; i++)
            {
                context.Members.Add(new LoyaltyPortal.Features.Members.Member
                {
                    MemberCode = $"W{i:D7}", PreferredName = $"Friend {i}", SearchName = $"friend {i}", JoinedAt = DateTime.UtcNow, ReferredByMemberId = root.Id,
                });
            }
            await context.SaveChangesAsync(Ct);
        }

        var chain = await db.Get<ReferralService>().GetChainAsync(manager, root.Id, Ct);

        Assert.NotNull(chain);
        Assert.True(chain.Truncated);
        Assert.Equal(ReferralService.MaxChainNodes, chain.Down.Count);
    }

    [Theory, AllProviders]
    public async Task Top_referrers_are_ranked_and_paged_with_conversions(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (busy, _, _) = await db.AddReferrerAsync("Busy Bee");
        var (quiet, _, _) = await db.AddReferrerAsync("Quiet One");
        for (var i = 0; i < 3; i++) await db.AddReferrerAsync($"Friend {i}", referredBy: busy.Id);
        var (converted, _, _) = await db.AddReferrerAsync("Converted Friend", referredBy: quiet.Id);
        await db.QueryAsync(c => c.Members.Where(m => m.Id == converted.Id || m.ReferredByMemberId == busy.Id)
            .Where(m => m.PreferredName != "Friend 2").ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferralConvertedAt, DateTime.UtcNow), Ct));
        var referrals = db.Get<ReferralService>();

        var first = await referrals.GetTopReferrersAsync(manager, 0, 1, Ct);
        var second = await referrals.GetTopReferrersAsync(manager, 1, 1, Ct);

        Assert.Equal(2, first.Total);
        Assert.Equal(new TopReferrer(busy.Id, "Busy Bee", busy.MemberCode, 3, 2), Assert.Single(first.Rows));
        Assert.Equal(new TopReferrer(quiet.Id, "Quiet One", quiet.MemberCode, 1, 1), Assert.Single(second.Rows));
        var summary = await referrals.GetSummaryAsync(manager, converted.Id, Ct);
        Assert.Equal(new MemberReferralSummary(quiet.Id, "Quiet One", 0, 0), summary);
    }

    [Theory, AllProviders]
    public async Task A_manager_finds_a_member_by_member_code_or_referral_code(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (member, _, code) = await db.AddReferrerAsync("Priya Shah");
        var referrals = db.Get<ReferralService>();

        Assert.Equal(member.Id, await referrals.FindMemberAsync(manager, member.MemberCode.ToLowerInvariant(), Ct));
        Assert.Equal(member.Id, await referrals.FindMemberAsync(manager, code.ToLowerInvariant(), Ct));
        Assert.Null(await referrals.FindMemberAsync(manager, "nobody", Ct));
    }

    [Theory, AllProviders]
    public async Task Staff_and_members_cannot_see_chains_or_rankings(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var staff = await db.AddUserAsync(Roles.Staff);
        var (member, caller, _) = await db.AddReferrerAsync("Jo Lee");
        var referrals = db.Get<ReferralService>();

        foreach (var who in new[] { staff, caller! })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => referrals.GetChainAsync(who, member.Id, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => referrals.GetTopReferrersAsync(who, 0, 10, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => referrals.GetSummaryAsync(who, member.Id, Ct));
        }
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => referrals.GetMyInviteAsync(staff, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => referrals.AddMyReferrerAsync(staff, "REF-ZZZZZZ", Ct));
    }

    [Theory, AllProviders]
    public async Task A_member_sees_only_their_own_code_and_friends(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (me, caller, code) = await db.AddReferrerAsync("Jo Lee");
        var (other, _, _) = await db.AddReferrerAsync("Someone Else");
        await db.AddReferrerAsync("My Friend", referredBy: me.Id);
        await db.AddReferrerAsync("Their Friend", referredBy: other.Id);

        var invite = await db.Get<ReferralService>().GetMyInviteAsync(caller!, Ct);

        Assert.NotNull(invite);
        Assert.Equal(code, invite.Code);
        Assert.Equal(["My Friend"], invite.Friends.Select(f => f.Name));
    }

    [Theory, AllProviders]
    public async Task A_member_without_a_code_gets_one_and_two_tabs_at_once_agree_on_it(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var (member, caller) = await db.AddMemberAsync("Old Member");
        var referrals = db.Get<ReferralService>();

        var invites = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => referrals.GetMyInviteAsync(caller!, Ct), Ct)));

        var code = Assert.Single(invites.Select(i => i!.Code).Distinct());
        Assert.Equal(code, ReferralRules.Normalize(code));
        Assert.Equal(code, await db.MemberAsync(member.Id, m => m.ReferralCode));
    }
}
