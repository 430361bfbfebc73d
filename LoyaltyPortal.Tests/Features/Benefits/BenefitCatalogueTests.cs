using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits;

/// <summary>"For you" reuses one loaded catalogue; these pin down when it is reloaded.</summary>
public sealed class BenefitCatalogueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_booking_in_this_app_shows_in_everyone_s_list_at_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 3);
        var watcher = (await db.AddMemberAsync("Watcher")).Caller!;
        var forYou = db.Get<ForYouService>();
        Assert.Equal(3, Assert.Single(await forYou.GetForYouAsync(watcher, Ct)).SeatsLeft);

        await db.Get<BookingService>().BookAsync((await db.AddMemberAsync("Booker")).Caller!, benefit.Id, new(), Ct);

        var card = Assert.Single(await forYou.GetForYouAsync(watcher, Ct));
        Assert.Equal((1, 2), (card.Going, card.SeatsLeft));
    }

    [Theory, AllProviders]
    public async Task A_change_made_elsewhere_shows_once_the_catalogue_is_five_seconds_old(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 3);
        var member = (await db.AddMemberAsync()).Caller!;
        var forYou = db.Get<ForYouService>();
        Assert.Single(await forYou.GetForYouAsync(member, Ct));

        // Another app instance unpublishes it: this instance has no way to hear about it.
        await db.QueryAsync(c => c.Benefits.Where(b => b.Id == benefit.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BenefitStatus.Unpublished), Ct));
        Assert.Single(await forYou.GetForYouAsync(member, Ct));

        db.Clock.Advance(BenefitCatalogue.MaxAge);
        Assert.Empty(await forYou.GetForYouAsync(member, Ct));
    }

    [Theory, AllProviders]
    public async Task The_detail_page_always_reads_fresh(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 3);
        var member = (await db.AddMemberAsync()).Caller!;
        var forYou = db.Get<ForYouService>();
        Assert.Single(await forYou.GetForYouAsync(member, Ct));

        await db.QueryAsync(c => c.Benefits.Where(b => b.Id == benefit.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Taken, 3), Ct));

        Assert.Equal(BenefitCardState.JoinWaitlist, (await forYou.GetDetailAsync(member, benefit.Id, Ct))!.Card.State);
    }
}
