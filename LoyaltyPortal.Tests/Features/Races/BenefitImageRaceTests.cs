using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Races;

/// <summary>Two managers (or a double click) uploading a picture for one benefit at once leave one picture.</summary>
public sealed class BenefitImageRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Theory, AllProviders]
    public async Task Concurrent_uploads_for_a_benefit_without_a_picture_save_one(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var benefit = await db.AddEventAsync();
        var manager = await db.AddManagerAsync();
        var admin = db.Get<BenefitAdminService>();

        var results = await RaceKit.AtOnceAsync(8, _ => admin.SetImageAsync(manager, benefit.Id, new MemoryStream(Png), "image/png", Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, await db.QueryAsync(c => c.BenefitImages.CountAsync(i => i.BenefitId == benefit.Id, Ct)));
    }
}
