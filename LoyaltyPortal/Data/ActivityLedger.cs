using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Data;

/// <summary>Appends to the activity ledger inside the caller's transaction; a source key already recorded is skipped.</summary>
public static class ActivityLedger
{
    /// <returns>False when an activity with the same <see cref="Activity.SourceKey"/> already exists.</returns>
    public static async Task<bool> AppendAsync(LoyaltyDbContext db, Activity activity, CancellationToken ct)
    {
        if (db.Activities.Local.Any(a => a.SourceKey == activity.SourceKey)) return false;
        if (await db.Activities.AnyAsync(a => a.SourceKey == activity.SourceKey, ct)) return false;
        db.Activities.Add(activity);
        return true;
    }
}
