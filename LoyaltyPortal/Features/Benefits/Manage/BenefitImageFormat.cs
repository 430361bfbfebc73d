using System.Buffers.Binary;
using System.Text;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>What the first bytes of an upload say it is.</summary>
public sealed record ImageFacts(string ContentType, int Width, int Height);

/// <summary>
/// Recognises pictures by their first bytes, not by the file name or the browser's claim, so a renamed text file or
/// script is never served as an image. Only PNG, JPEG and WebP are accepted, stored as uploaded: browsers decode them
/// without running anything. The size in pixels is read from the header and bounded, so a small file that would
/// decode to a huge bitmap (a "decompression bomb") is refused too. SVG is refused on purpose: it can carry script.
/// </summary>
public static class BenefitImageFormat
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxSide = 4096;
    public const string TooLargeMessage = "The picture is larger than 2 MB. Please choose a smaller one.";
    public const string NotAPictureMessage = "That file isn't a PNG, JPEG or WebP picture.";
    public const string SvgMessage = "SVG files can't be uploaded because they can contain script. Please choose a PNG, JPEG or WebP picture.";
    public static readonly string TooManyPixelsMessage = $"The picture is larger than {MaxSide} × {MaxSide} pixels. Please choose a smaller one.";

    /// <summary>The picture's type and size, or null when the bytes are not a complete PNG, JPEG or WebP header.</summary>
    public static ImageFacts? Inspect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            // The IHDR chunk always comes first: length, "IHDR", width, height (big-endian).
            if (data.Length < 24 || !data[12..16].SequenceEqual("IHDR"u8)) return null;
            return Facts("image/png", BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
        }
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg(data);
        if (data.Length >= 30 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return WebP(data);
        return null;
    }

    /// <summary>Whether the bytes look like SVG or other XML, to explain the refusal rather than just saying "not a picture".</summary>
    public static bool LooksLikeSvg(ReadOnlySpan<byte> data)
    {
        var head = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') && (head.Contains("<svg", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase));
    }

    private static ImageFacts? Jpeg(ReadOnlySpan<byte> data)
    {
        // Walk the segments to the first start-of-frame marker, which holds the height and width.
        var at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF) return null;
            var marker = data[at + 1];
            if (marker == 0xFF) { at++; continue; }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { at += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            if (length < 2) return null;
            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                if (at + 9 > data.Length) return null;
                return Facts("image/jpeg", BinaryPrimitives.ReadUInt16BigEndian(data[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(at + 5)..]));
            }
            at += 2 + length;
        }
        return null;
    }

    private static ImageFacts? WebP(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return Facts("image/webp", 1 + ReadUInt24(data[24..]), 1 + ReadUInt24(data[27..]));
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[20] != 0x2F) return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return Facts("image/webp", 1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF));
        }
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (!data[23..26].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A])) return null;
            return Facts("image/webp", BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }
        return null;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> data) => data[0] | data[1] << 8 | data[2] << 16;

    private static ImageFacts? Facts(string contentType, int width, int height) =>
        width > 0 && height > 0 ? new(contentType, width, height) : null;
}
