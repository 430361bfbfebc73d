using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>The picture's type and size come from its header bytes, for each accepted format.</summary>
public sealed class BenefitImageFormatTests
{
    [Fact]
    public void A_jpeg_size_is_read_from_its_frame_header_after_other_segments()
    {
        // SOI, an APP0 segment of 16 bytes, then SOF0: length 17, precision 8, height 0x0438 (1080), width 0x0780 (1920).
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. new byte[14], 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 0x03];

        Assert.Equal(new ImageFacts("image/jpeg", 1920, 1080), BenefitImageFormat.Inspect(jpeg));
    }

    [Fact]
    public void A_lossless_webp_size_is_read_from_its_bit_header()
    {
        // VP8L: signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian: 800 × 450.
        var bits = (uint)(799 | 449 << 14);
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8L"u8, 0, 0, 0, 0, 0x2F, (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24), .. new byte[8]];

        Assert.Equal(new ImageFacts("image/webp", 800, 450), BenefitImageFormat.Inspect(webp));
    }

    [Fact]
    public void An_extended_webp_size_is_read_from_its_canvas()
    {
        // VP8X: flags and reserved bytes, then canvas width-1 and height-1 as 24-bit little-endian: 5000 × 100.
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 0x87, 0x13, 0x00, 0x63, 0x00, 0x00];

        Assert.Equal(new ImageFacts("image/webp", 5000, 100), BenefitImageFormat.Inspect(webp));
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("\uFEFF  <?xml version=\"1.0\"?><svg/>")]
    [InlineData("just text renamed to photo.png")]
    public void Text_and_svg_are_not_pictures(string text)
    {
        Assert.Null(BenefitImageFormat.Inspect(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void A_truncated_jpeg_is_not_a_picture()
    {
        Assert.Null(BenefitImageFormat.Inspect([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x00]));
    }
}
