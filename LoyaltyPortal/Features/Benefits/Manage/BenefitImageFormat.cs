namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// Recognises pictures by their first bytes, not by the file name or the browser's claim, so a renamed
/// text file or script is never served as an image.
/// </summary>
public static class BenefitImageFormat
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const string TooLargeMessage = "The picture is larger than 2 MB. Please choose a smaller one.";
    public const string NotAPictureMessage = "That file isn't a PNG, JPEG, WebP or GIF picture.";

    public static string? Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return "image/gif";
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
