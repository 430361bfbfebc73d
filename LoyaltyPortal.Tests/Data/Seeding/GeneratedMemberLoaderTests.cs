using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Data.Seeding;

/// <summary>The <c>seed</c> command leaves a database that <c>standings check</c> passes straight away.</summary>
public sealed class GeneratedMemberLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Seeding_gives_every_generated_member_a_standing_that_matches_the_ledger(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var loader = ActivatorUtilities.CreateInstance<GeneratedMemberLoader>(db.Services);

        await loader.LoadAsync(members: 120, activities: 10, batch: 50, report: _ => { }, Ct);

        Assert.Equal(120, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
        Assert.Equal(120, await db.QueryAsync(c => c.MemberStandings.CountAsync(Ct)));
        var report = await db.Get<StandingMaintenance>().CheckAsync(Ct);
        Assert.Equal(120, report.MembersChecked);
        Assert.Empty(report.Mismatches);
    }

    [Theory, AllProviders]
    public async Task Seeding_again_keeps_the_members_already_there_consistent(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var loader = ActivatorUtilities.CreateInstance<GeneratedMemberLoader>(db.Services);
        await loader.LoadAsync(members: 60, activities: 10, batch: 60, report: _ => { }, Ct);
        db.Clock.Advance(TimeSpan.FromDays(3));

        await loader.LoadAsync(members: 60, activities: 10, batch: 60, report: _ => { }, Ct);

        Assert.Empty((await db.Get<StandingMaintenance>().CheckAsync(Ct)).Mismatches);
    }
}
