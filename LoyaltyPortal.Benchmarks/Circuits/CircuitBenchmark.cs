using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LoyaltyPortal.Data.Seeding;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Extensions.Configuration;

namespace LoyaltyPortal.Benchmarks.Circuits;

/// <summary>
/// How many live pages one app process holds: opens N authenticated circuits on a page of a running Release app
/// (loopback only), measures managed heap and RSS per circuit after forced full collections, the first render batch,
/// then has every circuit click once per second and reports the round trips. Bounded in count and time.
/// </summary>
internal static class CircuitBenchmark
{
    private const int MaxCircuits = 5_000;
    private const int MaxSeconds = 600;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build();
        var baseUri = new Uri(settings["Base"] ?? "http://127.0.0.1:5080/");
        if (!baseUri.IsLoopback) throw new ArgumentException("The circuit benchmark only drives an app on this machine (--Base must be loopback).");
        var page = settings["Page"] ?? "/me";
        var circuits = Math.Clamp(int.Parse(settings["Circuits"] ?? "100", CultureInfo.InvariantCulture), 1, MaxCircuits);
        var seconds = Math.Clamp(int.Parse(settings["Duration"] ?? "30", CultureInfo.InvariantCulture), 1, MaxSeconds);
        var label = settings["Click"] ?? "Toggle navigation";
        var account = page.StartsWith("/me", StringComparison.Ordinal) ? DemoAccounts.Member : DemoAccounts.Staff;
        var processId = settings["Pid"] is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : FindApp(baseUri.Port);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(MaxSeconds * 2));
        var ct = stop.Token;

        using var signIn = await PortalSignIn.SignInAsync(baseUri, account.Email, DemoAccounts.Password, ct);
        var before = await ServerMemory.MeasureAsync(processId, ct);
        Console.WriteLine($"{page}: app pid {processId}, heap {Mb(before.HeapBytes)} MB, RSS {Mb(before.ResidentBytes)} MB before; opening {circuits:N0} circuits");

        var open = new ConcurrentBag<BlazorCircuit>();
        var opening = Stopwatch.StartNew();
        await Parallel.ForAsync(0, circuits, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (_, token) =>
        {
            var prerendered = await signIn.GetPageAsync(page, token);
            open.Add(await BlazorCircuit.OpenAsync(signIn, prerendered, label, token));
        });
        Console.WriteLine($"Opened {open.Count:N0} circuits in {opening.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var after = await ServerMemory.MeasureAsync(processId, ct);

        var roundTrips = new ConcurrentBag<double>();
        var errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(open.Select(async (circuit, i) =>
        {
            // Spread the clicks evenly over each second, as independent members would.
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * i / open.Count), ct);
            var next = Stopwatch.GetTimestamp();
            while (next < until)
            {
                try { roundTrips.Add((await circuit.ClickAsync(ct)).TotalMilliseconds); }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    if (Interlocked.Increment(ref errors) == 1) Console.Error.WriteLine($"First error: {e.Message}");
                }
                next += Stopwatch.Frequency;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            }
        }));
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];

        var sorted = roundTrips.Order().ToArray();
        var batches = open.Select(c => c.InitialRenderBytes).Order().ToArray();
        Console.WriteLine();
        Console.WriteLine("| Page | Circuits | Heap per circuit | RSS per circuit | Initial render | Events | p50 ms | p95 ms | p99 ms | Errors | Load |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| `{page}` | {open.Count:N0} | {Kb(after.HeapBytes - before.HeapBytes, open.Count)} KB | " +
            $"{Kb(after.ResidentBytes - before.ResidentBytes, open.Count)} KB | {batches[batches.Length / 2] / 1024.0:F1} KB | {sorted.Length:N0} | " +
            $"{Pct(sorted, 0.50)} | {Pct(sorted, 0.95)} | {Pct(sorted, 0.99)} | {errors} | {load} |");

        await Task.WhenAll(open.Select(c => c.DisposeAsync().AsTask()));
        return errors == 0 && open.Count == circuits ? 0 : 1;
    }

    // The .NET process that listens on the port: the benchmark must not weigh some other app (a seed run, a test host).
    private static int FindApp(int port)
    {
        var hexPort = $":{port:X4} ";
        var sockets = new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && (f[1] + " ").EndsWith(hexPort, StringComparison.Ordinal) && f[3] == "0A")
            .Select(f => $"socket:[{f[9]}]").ToHashSet();
        foreach (var id in DiagnosticsClient.GetPublishedProcesses())
        {
            try
            {
                if (new DirectoryInfo($"/proc/{id}/fd").EnumerateFileSystemInfos().Any(fd => fd.LinkTarget is { } target && sockets.Contains(target))) return id;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        throw new InvalidOperationException($"No .NET process listens on port {port}; start the app or pass --Pid.");
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Kb(long bytes, int circuits) => (bytes / 1024.0 / circuits).ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? "–" : BenchmarkRunner.Percentile(sorted, p).ToString("F1", CultureInfo.InvariantCulture);
}
