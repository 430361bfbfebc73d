using LoyaltyPortal.Features.Insights.Rollups;
using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Settles the demo's bulk-written history through the same services the nightly jobs use: standings from the ledger,
/// achievements from history, and the insights rollups, so the demo's pages and charts are ready on the first load.
/// </summary>
public sealed class DemoHistory(
    StandingMaintenance standings, AchievementKeeper achievements, InsightsRollups rollups, ILogger<DemoHistory> logger)
{
    public async Task SettleAsync(CancellationToken ct)
    {
        var members = await standings.RecomputeAllAsync(ct);
        logger.LogInformation("Computed {Members} standings from the demo history.", members);
        var awarded = await achievements.AwardFromHistoryAsync(ct);
        logger.LogInformation("Awarded {Achievements} achievements from the demo history.", awarded);
        var rollup = await rollups.RefreshAsync(ct);
        logger.LogInformation("Rolled up {Days} days of demo activity for insights.", rollup.ActivityDays);
    }
}
