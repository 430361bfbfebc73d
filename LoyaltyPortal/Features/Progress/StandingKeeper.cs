using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Progress;

/// <summary>What a standing needs besides the ledger: the tiers and the window and grace settings.</summary>
public sealed record ProgressRules(IReadOnlyList<TierStep> Tiers, int WindowMonths, int GraceDays, int LapseWarningDays)
{
    public static async Task<ProgressRules> LoadAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        var settings = await db.ProgressSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ProgressSettings();
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank)
            .Select(t => new TierStep(t.Id, t.Name, t.Threshold, t.Rank)).ToListAsync(ct);
        return new(tiers, settings.WindowMonths, settings.GraceDays, settings.LapseWarningDays);
    }

    /// <summary>How far back a standing looks: the window plus the grace period.</summary>
    public DateTime LooksBackTo(DateTime asOf) => asOf.AddMonths(-WindowMonths).AddDays(-GraceDays);

    public Standing Compute(IReadOnlyCollection<EarnedPoints> earned, DateTime asOf) =>
        StandingCalculator.Compute(earned, Tiers, asOf, WindowMonths, GraceDays);
}

/// <summary>Keeps <see cref="MemberStanding"/> rows in step with the ledger.</summary>
public static class StandingKeeper
{
    /// <summary>
    /// Recomputes one member's standing as of an instant, counting activities added to this context but not yet
    /// saved, and stages the row; the caller's SaveChanges writes it with the activity.
    /// </summary>
    public static async Task<Standing> RefreshAsync(LoyaltyDbContext db, int memberId, DateTime asOf, CancellationToken ct)
    {
        var rules = await ProgressRules.LoadAsync(db, ct);
        var earned = await EarnedAsync(db, memberId, rules.LooksBackTo(asOf), asOf, ct);
        earned.AddRange(db.ChangeTracker.Entries<Activity>()
            .Where(e => e.State == EntityState.Added && e.Entity.MemberId == memberId && e.Entity.Points != 0 && e.Entity.OccurredAt <= asOf)
            .Select(e => new EarnedPoints(e.Entity.OccurredAt, e.Entity.Points)));
        var standing = rules.Compute(earned, asOf);

        // Two appends for one member in one unit of work share the row the first one staged.
        var row = db.MemberStandings.Local.FirstOrDefault(s => s.MemberId == memberId)
            ?? await db.MemberStandings.FirstOrDefaultAsync(s => s.MemberId == memberId, ct);
        if (TierChange.Between(memberId, row?.TierId, standing.HeldTierId, rules.Tiers, asOf) is { } change) db.TierChanges.Add(change);
        if (row is null) db.MemberStandings.Add(row = new MemberStanding { MemberId = memberId });
        row.TierId = standing.HeldTierId;
        row.PointsInWindow = standing.PointsInWindow;
        row.DropsAt = standing.DropsAt;
        row.UpdatedAt = asOf;
        return standing;
    }

    public static async Task<List<EarnedPoints>> EarnedAsync(LoyaltyDbContext db, int memberId, DateTime after, DateTime asOf, CancellationToken ct) =>
        await db.Activities.AsNoTracking()
            .Where(a => a.MemberId == memberId && a.OccurredAt > after && a.OccurredAt <= asOf && a.Points != 0)
            .Select(a => new EarnedPoints(a.OccurredAt, a.Points))
            .ToListAsync(ct);
}
