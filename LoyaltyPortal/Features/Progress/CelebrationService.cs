using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Progress;

/// <summary>A moment to celebrate on My progress: a tier reached or an achievement earned.</summary>
public sealed record Celebration(NotificationKind Kind, string Title, string Body);

/// <summary>
/// Hands My progress the member's new moments, each once: taking one marks its notification read, with a conditional
/// update, so two open tabs or a live refresh never celebrate the same moment twice.
/// </summary>
public sealed class CelebrationService(IDbContextFactory<LoyaltyDbContext> dbFactory, ActiveCallers callers, TimeProvider clock)
{
    /// <summary>Moments older than this wait in the notification centre instead: a party a month late is odd.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromDays(7);

    // A burst (a tier and two achievements from one visit) shows together; more wait in the notification centre.
    private const int MaxAtOnce = 3;

    public async Task<IReadOnlyList<Celebration>> TakeAsync(Caller caller, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsMember, "Only members see their own celebrations.", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - FreshFor;
        var fresh = await db.Notifications.AsNoTracking()
            .Where(n => ProgressCelebrations.Kinds.Contains(n.Kind) && n.ReadAt == null && n.CreatedAt > since
                && db.Members.Any(m => m.Id == n.MemberId && m.UserId == caller.UserId && m.AnonymisedAt == null))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(MaxAtOnce)
            .Select(n => new { n.Id, n.Kind, n.Title, n.Body }).ToListAsync(ct);
        var taken = new List<Celebration>();
        foreach (var moment in fresh)
        {
            var marked = await db.Notifications.Where(n => n.Id == moment.Id && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            if (marked == 1) taken.Add(new(moment.Kind, moment.Title, moment.Body));
        }
        return taken;
    }
}
