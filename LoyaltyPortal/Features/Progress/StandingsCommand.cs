using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Hosting;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// <c>dotnet run --project LoyaltyPortal -- standings check</c> reports stored standings that disagree with the ledger
/// (exit code 1 if any); <c>standings recompute</c> recomputes every standing as of now. Settings may follow, as for <c>seed</c>.
/// </summary>
public static class StandingsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [("check" or "recompute") and var mode, ..] || args[1..].Any(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('=')))
        {
            Console.Error.WriteLine("Usage: standings check|recompute [--Database:Provider=Postgres ...]");
            return 2;
        }
        var builder = CommandHost.CreateBuilder(args[1..]);
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var maintenance = host.Services.GetRequiredService<StandingMaintenance>();

        var clock = Stopwatch.StartNew();
        if (mode == "recompute")
        {
            var written = await maintenance.RecomputeAllAsync();
            Console.WriteLine($"Recomputed {written:N0} standings from the ledger in {clock.Elapsed.TotalSeconds:N1} s.");
            return 0;
        }
        var report = await maintenance.CheckAsync();
        Console.WriteLine($"Checked {report.MembersChecked:N0} standings in {clock.Elapsed.TotalSeconds:N1} s: {report.Mismatches.Count:N0} disagree with the ledger.");
        foreach (var m in report.Mismatches.Take(20))
        {
            Console.WriteLine($"  member {m.MemberId}: stored tier {m.StoredTierId?.ToString() ?? "none"} with {m.StoredPoints?.ToString() ?? "no"} points; ledger says tier {m.ExpectedTierId} with {m.ExpectedPoints}");
        }
        return report.Mismatches.Count == 0 ? 0 : 1;
    }
}
