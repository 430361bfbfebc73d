using System.Buffers.Binary;
using System.IO.Compression;

namespace LoyaltyPortal.Features.Pass.Wallet;

/// <summary>
/// The images a wallet pass needs, drawn here once rather than shipped as files: a white ring on the portal's green for
/// the icon, and the ring alone (the organisation name is the pass's logo text) for the logo.
/// </summary>
internal static class WalletImages
{
    // Declared first: static fields initialise in order, and the images below need the table.
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static readonly (byte R, byte G, byte B) Green = (0x0B, 0x6E, 0x4F);

    public static readonly byte[] Icon = Draw(29, 29, filled: true);
    public static readonly byte[] Icon2x = Draw(58, 58, filled: true);
    public static readonly byte[] Logo = Draw(50, 50, filled: false);
    public static readonly byte[] Logo2x = Draw(100, 100, filled: false);

    private static byte[] Draw(int width, int height, bool filled)
    {
        var pixels = new byte[width * height * 4];
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0, outer = width * 0.36, inner = width * 0.22;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var distance = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                var ring = distance <= outer && distance >= inner;
                var at = (y * width + x) * 4;
                if (ring) (pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]) = ((byte)255, (byte)255, (byte)255, (byte)255);
                else if (filled) (pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]) = (Green.R, Green.G, Green.B, (byte)255);
            }
        }
        return Png(width, height, pixels);
    }

    /// <summary>An 8-bit RGBA PNG: signature, header, the rows (filter 0) deflated, and the end chunk.</summary>
    internal static byte[] Png(int width, int height, byte[] rgba)
    {
        using var rows = new MemoryStream();
        using (var zlib = new ZLibStream(rows, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgba, y * width * 4, width * 4);
            }
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 6); // 8 bits, RGBA; compression, filter and interlace stay 0

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", rows.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }
}
