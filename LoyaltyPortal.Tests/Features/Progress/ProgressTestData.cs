using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Activities appended through the ledger, so they carry points from the engagement rules and move the standing.</summary>
public static class ProgressTestData
{
    public static async Task<Activity> EarnAsync(this TestDb db, int memberId, ActivityType type, DateTime at, decimal? amount = null, int? storeId = null)
    {
        await using var context = db.NewContext();
        var activity = new Activity { MemberId = memberId, Type = type, OccurredAt = at, Amount = amount, StoreId = storeId, SourceKey = Guid.NewGuid().ToString("N") };
        await db.Get<ActivityRecorder>().AppendAsync(context, activity, CancellationToken.None);
        await context.SaveChangesAsync();
        return activity;
    }

    /// <summary>A purchase earns one point per whole pound under the starter rules: the simplest way to an exact total.</summary>
    public static Task<Activity> EarnPointsAsync(this TestDb db, int memberId, int points, DateTime at) =>
        db.EarnAsync(memberId, ActivityType.Purchase, at, points);
}
