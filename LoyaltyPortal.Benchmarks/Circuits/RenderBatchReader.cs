using System.Buffers.Binary;
using System.Text;

namespace LoyaltyPortal.Benchmarks.Circuits;

/// <summary>
/// Reads just enough of Blazor's binary render batch (the format blazor.web.js reads: fixed 20-byte frames,
/// 16-byte edits, a string table, and five section offsets at the end) to find a clickable element by its
/// aria-label and to notice when its event handler is disposed.
/// </summary>
internal static class RenderBatchReader
{
    private const int ElementFrame = 1;
    private const int AttributeFrame = 3;
    private const int FrameSize = 20;

    /// <summary>The click handler of the first element whose aria-label starts with <paramref name="label"/>, or 0.</summary>
    public static ulong FindClickHandler(ReadOnlySpan<byte> batch, string label)
    {
        var strings = new StringTable(batch);
        var frames = Int(batch, batch.Length - 16);
        var count = Int(batch, frames);
        var first = frames + 4;
        for (var i = 0; i < count; i++)
        {
            if (Int(batch, first + i * FrameSize) != ElementFrame) continue;
            var labelled = false;
            ulong click = 0;
            for (var a = i + 1; a < count && Int(batch, first + a * FrameSize) == AttributeFrame; a++)
            {
                var frame = first + a * FrameSize;
                var name = strings.Read(batch, Int(batch, frame + 4));
                if (name == "aria-label") labelled = strings.Read(batch, Int(batch, frame + 8))?.StartsWith(label, StringComparison.Ordinal) == true;
                else if (name == "onclick") click = BinaryPrimitives.ReadUInt64LittleEndian(batch[(frame + 12)..]);
            }
            if (labelled && click != 0) return click;
        }
        return 0;
    }

    /// <summary>Whether the batch disposes <paramref name="handlerId"/> (the element went away or was re-rendered).</summary>
    public static bool Disposes(ReadOnlySpan<byte> batch, ulong handlerId)
    {
        var section = Int(batch, batch.Length - 8);
        var count = Int(batch, section);
        for (var i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(batch[(section + 4 + i * 8)..]) == handlerId) return true;
        }
        return false;
    }

    private static int Int(ReadOnlySpan<byte> batch, int at) => BinaryPrimitives.ReadInt32LittleEndian(batch[at..]);

    private readonly ref struct StringTable(ReadOnlySpan<byte> batch)
    {
        private readonly int start = Int(batch, batch.Length - 4);

        public string? Read(ReadOnlySpan<byte> data, int index)
        {
            if (index < 0) return null;
            var at = Int(data, start + 4 * index);
            int length = 0, shift = 0;
            while (true)
            {
                var b = data[at++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80) break;
                shift += 7;
            }
            return Encoding.UTF8.GetString(data.Slice(at, length));
        }
    }
}
