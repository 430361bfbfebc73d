using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LoyaltyPortal.Benchmarks.Circuits;

/// <summary>
/// The app's memory from outside the process: a full blocking collection is forced through the runtime's
/// diagnostics port (as dotnet-gcdump does), and the heap is read from the GC's own statistics event after it.
/// </summary>
internal static class ServerMemory
{
    public static async Task<MemorySample> MeasureAsync(int processId, CancellationToken ct)
    {
        // Twice: the first collection queues finalisers whose objects only the second one frees.
        await CollectAsync(processId, ct);
        var heap = await CollectAsync(processId, ct);
        return new MemorySample(heap, ResidentBytes(processId));
    }

    private static async Task<long> CollectAsync(int processId, CancellationToken ct)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords), requestRundown: false);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var induced = false;
        using var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCStart += e => induced |= e.Depth == 2 && e.Reason is GCReason.Induced or GCReason.InducedNotForced;
        source.Clr.GCHeapStats += e =>
        {
            if (induced) heap.TrySetResult(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
        };
        var reading = Task.Run(source.Process, ct);
        try
        {
            return await heap.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        finally
        {
            await session.StopAsync(ct);
            await reading;
        }
    }

    private static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

internal sealed record MemorySample(long HeapBytes, long ResidentBytes);
