using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Notifications;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Recognition;

public sealed class RecognitionOptions
{
    public const string Section = "Recognition";

    /// <summary>A second "record visit" for the same member at the same store within this many minutes is the same visit.</summary>
    public int VisitWindowMinutes { get; set; } = 120;

    /// <summary>Searches one member of staff may run per period: typing with debounce stays far below it, a script does not.</summary>
    public int SearchBurst { get; set; } = 30;

    public int SearchPeriodSeconds { get; set; } = 10;
}

public sealed record RecognitionCard(
    int MemberId, string PreferredName, string MemberCode, DateTime JoinedAt, TierProgress Tier, DateTime? LastVisitAt, IReadOnlyList<ActivityLine> RecentActivity)
{
    public string Initials => string.Concat(PreferredName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}

/// <summary>The staff recognition card: who is in front of them, and one-tap actions that append to the ledger.</summary>
public sealed class RecognitionService(IDbContextFactory<LoyaltyDbContext> dbFactory, MemberEvents events, ProgrammeCalendar calendar, IOptions<RecognitionOptions> options)
{
    public async Task<RecognitionCard?> GetCardAsync(Caller caller, string memberCode, CancellationToken ct = default)
    {
        RequireStaff(caller);
        var code = (memberCode ?? "").Trim().ToUpperInvariant();
        if (code.Length is 0 or > 32) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.MemberCode == code && m.AnonymisedAt == null)
            .Select(m => new { m.Id, m.PreferredName, m.MemberCode, m.JoinedAt }).FirstOrDefaultAsync(ct);
        if (member is null) return null;

        var now = calendar.UtcNow;
        var tier = await MyProgressService.TierProgressAsync(db, member.Id, now, ct);
        var lastVisit = await db.Activities.AsNoTracking().Where(a => a.MemberId == member.Id && a.Type == ActivityType.Visit && a.OccurredAt <= now)
            .MaxAsync(a => (DateTime?)a.OccurredAt, ct);
        var recent = await db.Activities.AsNoTracking().Where(a => a.MemberId == member.Id && a.OccurredAt <= now)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(5)
            .Select(a => new ActivityLine(a.Id, a.Type, a.OccurredAt, db.Stores.Where(s => s.Id == a.StoreId).Select(s => s.Name).FirstOrDefault(), a.Amount, a.Description, a.Points))
            .ToListAsync(ct);
        return new RecognitionCard(member.Id, member.PreferredName, member.MemberCode, member.JoinedAt, tier, lastVisit, recent);
    }

    /// <summary>
    /// Records that the member is in the caller's store. Idempotent per member and store within the visit window, so
    /// a double tap or a second member of staff records one visit.
    /// </summary>
    public async Task<OperationResult> RecordVisitAsync(Caller caller, int memberId, CancellationToken ct = default)
    {
        RequireStaff(caller);
        if (caller.StoreId is not { } storeId) return OperationResult.Refused("Your account is not assigned to a store, so visits can't be recorded.");
        var now = calendar.UtcNow;
        var window = TimeSpan.FromMinutes(Math.Max(1, options.Value.VisitWindowMinutes));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId && m.AnonymisedAt == null).Select(m => m.PreferredName).FirstOrDefaultAsync(ct);
        if (member is null) return OperationResult.Refused("We couldn't find that member.");
        var since = now - window;
        if (await db.Activities.AnyAsync(a => a.MemberId == memberId && a.StoreId == storeId && a.Type == ActivityType.Visit && a.OccurredAt > since, ct))
        {
            return OperationResult.Done($"{member}'s visit is already recorded.");
        }

        // The key names the window-sized slot, so two taps racing past the check above still write one row.
        var slot = now.Ticks / window.Ticks;
        var store = await db.Stores.AsNoTracking().Where(s => s.Id == storeId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        // A stale sign-in can name a store that is gone; the ledger would refuse the row on its foreign key.
        if (store is null) return OperationResult.Refused("Your store is no longer in the programme, so visits can't be recorded.");
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var added = await ActivityLedger.AppendAsync(db, new Activity
            {
                MemberId = memberId, Type = ActivityType.Visit, OccurredAt = now, StoreId = storeId, StaffUserId = caller.UserId,
                SourceKey = $"visit:{memberId}:{storeId}:{slot}", Description = $"Welcomed at {store}",
            }, calendar, ct);
            if (!added) return OperationResult.Done($"{member}'s visit is already recorded.");
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                if (!await VisitExistsAsync(memberId, storeId, slot, ct)) throw;
                return OperationResult.Done($"{member}'s visit is already recorded.");
            }
        }
        events.Raise(memberId, MemberChange.Activity);
        return OperationResult.Done($"Visit recorded for {member}.");
    }

    private async Task<bool> VisitExistsAsync(int memberId, int storeId, long slot, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = $"visit:{memberId}:{storeId}:{slot}";
        return await db.Activities.AnyAsync(a => a.SourceKey == key, ct);
    }

    private static void RequireStaff(Caller caller)
    {
        if (!caller.IsStaff) throw new UnauthorizedAccessException("Only store staff use the recognition card.");
    }
}
