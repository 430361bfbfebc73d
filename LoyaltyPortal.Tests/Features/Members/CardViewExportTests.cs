using System.Text.Json;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Recognition;

namespace LoyaltyPortal.Tests.Features.Members;

/// <summary>A member's data export tells them when and where staff opened their card, and nothing about anyone else's.</summary>
public sealed class CardViewExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task The_export_lists_the_members_card_views_newest_first_without_staff_names_and_no_one_elses(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var garden = await db.AddStoreAsync("Covent Garden");
        var arndale = await db.AddStoreAsync("Manchester Arndale");
        var (alex, alexLogin) = await db.AddMemberAsync("Alex Morgan", email: "alex@example.com");
        var (jo, _) = await db.AddMemberAsync("Jo Smith", email: "jo@example.com");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using (var context = db.NewContext())
        {
            context.CardViews.AddRange(
                new CardView { MemberId = alex.Id, StaffUserId = "s1", StaffName = "Sam Okafor", StoreId = garden.Id, ViewedAt = now.AddDays(-3) },
                new CardView { MemberId = alex.Id, StaffUserId = "s2", StaffName = "Tom Fletcher", StoreId = arndale.Id, ViewedAt = now.AddHours(-1) },
                new CardView { MemberId = alex.Id, StaffUserId = "s3", StaffName = "Nobody's Store", StoreId = null, ViewedAt = now.AddDays(-10) },
                new CardView { MemberId = jo.Id, StaffUserId = "s1", StaffName = "Sam Okafor", StoreId = garden.Id, ViewedAt = now.AddMinutes(-5) });
            await context.SaveChangesAsync(Ct);
        }

        var bytes = await db.Get<PersonalDataService>().ExportAsync(alexLogin!.UserId, new Dictionary<string, string>(), Ct);

        using var json = JsonDocument.Parse(bytes);
        var views = json.RootElement.GetProperty("cardViews").EnumerateArray()
            .Select(v => (v.GetProperty("viewedAt").GetDateTime(), v.GetProperty("store").GetString(), v.GetProperty("viewedBy").GetString())).ToList();
        Assert.Equal(
        [
            (now.AddHours(-1), "Manchester Arndale", "a member of staff at Manchester Arndale"),
            (now.AddDays(-3), "Covent Garden", "a member of staff at Covent Garden"),
            (now.AddDays(-10), null, "a member of staff"),
        ], views);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("Sam Okafor", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Fletcher", text, StringComparison.Ordinal);
    }
}
