using System.Buffers.Binary;
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
    [Theory, AllProviders]
    public async Task An_svg_with_script_is_refused_with_a_message_saying_why(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var svg = """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>"""u8.ToArray();

        var result = await db.Get<BenefitAdminService>().SetImageAsync(await db.AddManagerAsync(), benefit.Id, new MemoryStream(svg), "image/svg+xml", Ct);

        Assert.Equal((false, BenefitImageFormat.SvgMessage), (result.Succeeded, result.Message));
        Assert.False(await db.QueryAsync(c => c.BenefitImages.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_gif_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var gif = Convert.FromBase64String("R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==");

        var result = await db.Get<BenefitAdminService>().SetImageAsync(await db.AddManagerAsync(), benefit.Id, new MemoryStream(gif), "image/png", Ct);

        Assert.Equal((false, BenefitImageFormat.NotAPictureMessage), (result.Succeeded, result.Message));
    }

    [Theory, AllProviders]
    public async Task A_small_file_that_decodes_to_a_huge_bitmap_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var bomb = Png.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 50_000);
        BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 50_000);

        var result = await db.Get<BenefitAdminService>().SetImageAsync(await db.AddManagerAsync(), benefit.Id, new MemoryStream(bomb), "image/png", Ct);

        Assert.Equal((false, BenefitImageFormat.TooManyPixelsMessage), (result.Succeeded, result.Message));
        Assert.False(await db.QueryAsync(c => c.BenefitImages.AnyAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task A_saved_crop_is_what_pages_are_given(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var manager = await db.AddManagerAsync();
        var admin = db.Get<BenefitAdminService>();
        await admin.SetImageAsync(manager, benefit.Id, new MemoryStream(Png), "image/png", Ct);

        var result = await admin.SetImageCropAsync(manager, benefit.Id, new ImageCrop(20, 80, 150), Ct);

        Assert.True(result.Succeeded, result.Message);
        var image = await admin.GetImageAsync(manager, benefit.Id, Ct);
        Assert.Equal(new ImageCrop(20, 80, 150), image!.Crop);
        Assert.StartsWith($"/benefits/{benefit.Id}/image?v=", image.Url, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task A_new_upload_starts_centred(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync();
        var manager = await db.AddManagerAsync();
        var admin = db.Get<BenefitAdminService>();
        await admin.SetImageAsync(manager, benefit.Id, new MemoryStream(Png), "image/png", Ct);
        await admin.SetImageCropAsync(manager, benefit.Id, new ImageCrop(0, 100, 300), Ct);

        await admin.SetImageAsync(manager, benefit.Id, new MemoryStream(Png), "image/png", Ct);

        Assert.Equal(ImageCrop.Centre, (await admin.GetImageAsync(manager, benefit.Id, Ct))!.Crop);
    }

    [Theory]
    [InlineData(-1, 50, 100)]
    [InlineData(101, 50, 100)]
    [InlineData(50, -5, 100)]
    [InlineData(50, 1000, 100)]
    [InlineData(50, 50, 99)]
    [InlineData(50, 50, 301)]
    [InlineData(int.MinValue, int.MaxValue, int.MaxValue)]
    public async Task An_out_of_range_crop_is_refused_and_the_stored_one_kept(int focusX, int focusY, int zoom)
    {
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync();
        var manager = await db.AddManagerAsync();
        var admin = db.Get<BenefitAdminService>();
        await admin.SetImageAsync(manager, benefit.Id, new MemoryStream(Png), "image/png", Ct);

        var result = await admin.SetImageCropAsync(manager, benefit.Id, new ImageCrop(focusX, focusY, zoom), Ct);

        Assert.Equal((false, ImageCrop.OutOfRangeMessage), (result.Succeeded, result.Message));
        Assert.Equal(ImageCrop.Centre, (await admin.GetImageAsync(manager, benefit.Id, Ct))!.Crop);
    }

    [Fact]
    public async Task Only_managers_may_crop()
    {
        await using var db = await TestDb.CreateAsync();
        var benefit = await db.AddEventAsync();

        var member = (await db.AddMemberAsync()).Caller!;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => db.Get<BenefitAdminService>().SetImageCropAsync(member, benefit.Id, ImageCrop.Centre, Ct));
    }
}
