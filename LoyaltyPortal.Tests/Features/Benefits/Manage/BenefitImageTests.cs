using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>Pictures are judged by their bytes and size, never by the file name or the browser's claim.</summary>
public sealed class BenefitImageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Theory, AllProviders]
    public async Task A_real_png_is_stored_with_its_content_type(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();

        var result = await db.Get<BenefitAdminService>().SetImageAsync(await db.AddManagerAsync(), benefit.Id, new MemoryStream(Png), "image/png", Ct);

        Assert.True(result.Succeeded, result.Message);
        var image = await db.QueryAsync(c => c.BenefitImages.SingleAsync(Ct));
        Assert.Equal(("image/png", Png.Length), (image.ContentType, image.Data.Length));
    }

    [Theory, AllProviders]
    public async Task A_text_file_named_png_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();

        var result = await db.Get<BenefitAdminService>().SetImageAsync(await db.AddManagerAsync(), benefit.Id,
            new MemoryStream("just some notes, renamed to notes.png"u8.ToArray()), "image/png", Ct);

        Assert.Equal((false, BenefitImageFormat.NotAPictureMessage), (result.Succeeded, result.Message));
        Assert.False(await db.QueryAsync(c => c.BenefitImages.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_picture_over_two_megabytes_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var big = new byte[BenefitImageFormat.MaxBytes + 1];
        Png.CopyTo(big, 0);

        var result = await db.Get<BenefitAdminService>().SetImageAsync(await db.AddManagerAsync(), benefit.Id, new MemoryStream(big), "image/png", Ct);

        Assert.Equal((false, BenefitImageFormat.TooLargeMessage), (result.Succeeded, result.Message));
        Assert.False(await db.QueryAsync(c => c.BenefitImages.AnyAsync(Ct)));
    }
}
