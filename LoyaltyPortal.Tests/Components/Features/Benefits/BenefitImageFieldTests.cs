using Bunit;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Benefits.Manage;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Features.Benefits;

/// <summary>The manager's crop sliders move the preview at once, and only "Save crop" stores the frame.</summary>
public sealed class BenefitImageFieldTests : PortalTestContext
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private async Task<(Caller Manager, int BenefitId, BenefitImageView Image)> AddPictureAsync()
    {
        var manager = await Db.AddUserAsync(Roles.Manager);
        var benefit = await Db.AddEventAsync();
        var admin = Db.Get<BenefitAdminService>();
        var stored = await admin.SetImageAsync(manager, benefit.Id, new MemoryStream(Png), "image/png", Xunit.TestContext.Current.CancellationToken);
        Assert.True(stored.Succeeded, stored.Message);
        return (manager, benefit.Id, (await admin.GetImageAsync(manager, benefit.Id, Xunit.TestContext.Current.CancellationToken))!);
    }

    private static string PreviewStyle(IRenderedComponent<BenefitImageField> cut) => cut.Find(".benefit-crop-preview img").GetAttribute("style")!;

    private static AngleSharp.Dom.IElement Slider(IRenderedComponent<BenefitImageField> cut, string label) =>
        cut.Find($"input[type=range][aria-label='{label}']");

    [Fact]
    public async Task Moving_the_sliders_moves_the_preview_and_save_crop_stores_and_hands_back_that_frame()
    {
        var (manager, benefitId, image) = await AddPictureAsync();
        BenefitImageView? handedBack = null;
        var cut = Render<BenefitImageField>(p => p
            .Add(f => f.Caller, manager).Add(f => f.BenefitId, benefitId).Add(f => f.Title, "Saturday run club")
            .Add(f => f.Image, image).Add(f => f.ImageChanged, (BenefitImageView? changed) => handedBack = changed));
        Assert.Equal(ImageCrop.Centre.Style, PreviewStyle(cut));
        Assert.True(cut.Find("button:contains('Save crop')").HasAttribute("disabled"));

        Slider(cut, "Focus across (%)").Input("20");
        Slider(cut, "Focus down (%)").Input("70");
        Slider(cut, "Zoom (%)").Input("150");

        var framed = new ImageCrop(20, 70, 150);
        cut.WaitForAssertion(() => Assert.Equal(framed.Style, PreviewStyle(cut)));
        Assert.Contains("Zoom: 150 %", cut.Markup, StringComparison.Ordinal);
        // Nothing is stored until the manager saves.
        Assert.Equal(ImageCrop.Centre, await StoredCropAsync(benefitId));

        cut.Find("button:contains('Save crop')").Click();

        cut.WaitForAssertion(() => Assert.Equal(framed, handedBack?.Crop));
        Assert.Equal(framed, await StoredCropAsync(benefitId));
    }

    [Fact]
    public async Task Centre_puts_the_preview_back_in_the_middle_without_saving()
    {
        var (manager, benefitId, image) = await AddPictureAsync();
        var cut = Render<BenefitImageField>(p => p
            .Add(f => f.Caller, manager).Add(f => f.BenefitId, benefitId).Add(f => f.Title, "Saturday run club").Add(f => f.Image, image));
        Slider(cut, "Focus across (%)").Input("10");
        Slider(cut, "Zoom (%)").Input("200");
        cut.WaitForAssertion(() => Assert.Equal(new ImageCrop(10, 50, 200).Style, PreviewStyle(cut)));

        cut.Find("button:contains('Centre')").Click();

        cut.WaitForAssertion(() => Assert.Equal(ImageCrop.Centre.Style, PreviewStyle(cut)));
        // Back at the stored frame, so there is nothing to save.
        Assert.True(cut.Find("button:contains('Save crop')").HasAttribute("disabled"));
    }

    private Task<ImageCrop> StoredCropAsync(int benefitId) =>
        Db.QueryAsync(c => c.BenefitImages.Where(i => i.BenefitId == benefitId).Select(i => new ImageCrop(i.FocusX, i.FocusY, i.Zoom)).SingleAsync());
}
