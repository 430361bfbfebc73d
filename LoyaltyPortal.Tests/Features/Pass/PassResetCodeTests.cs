using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Pass;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Pass;

/// <summary>A screenshot of the pass shows the QR code and the member code under it; a reset must stop both.</summary>
public sealed class PassResetCodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task After_a_reset_the_old_printed_code_no_longer_finds_the_member_or_opens_the_card(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, me) = await db.AddMemberAsync("Alex Morgan");
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Staff", (await db.AddStoreAsync()).Id);
        var recognition = db.Get<RecognitionService>();
        var oldCode = (await db.Get<PassService>().GetMyPassAsync(me!, Ct))!.MemberCode;

        var fresh = await db.Get<PassService>().ResetMyPassAsync(me!, Ct);

        Assert.NotEqual(oldCode, fresh!.MemberCode);
        Assert.Null(await recognition.GetCardAsync(staff, oldCode, Ct));
        Assert.Empty((await db.Get<CounterSearchService>().SearchAsync(staff, oldCode, Ct)).Matches);
        Assert.Equal(member.Id, (await recognition.GetCardAsync(staff, fresh.MemberCode, Ct))!.MemberId);
        Assert.Equal(fresh.MemberCode, await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).Select(m => m.MemberCode).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Concurrent_resets_by_many_members_give_each_a_new_code_of_their_own(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var members = new List<(int Id, string OldCode, LoyaltyPortal.Components.Account.Caller Me)>();
        for (var i = 0; i < 10; i++)
        {
            var (member, me) = await db.AddMemberAsync($"Member {i}");
            members.Add((member.Id, member.MemberCode, me!));
        }
        var service = db.Get<PassService>();

        var passes = await Task.WhenAll(members.Select(m => Task.Run(() => service.ResetMyPassAsync(m.Me, Ct), Ct)));

        var codes = await db.QueryAsync(c => c.Members.Where(m => members.Select(x => x.Id).Contains(m.Id)).Select(m => m.MemberCode).ToListAsync(Ct));
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Empty(codes.Intersect(members.Select(m => m.OldCode)));
        Assert.Equal(codes.Order(), passes.Select(p => p!.MemberCode).Order());
    }
}
