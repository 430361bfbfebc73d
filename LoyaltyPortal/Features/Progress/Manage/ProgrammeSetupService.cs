using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// The manager's progress setup: engagement rules, tiers, achievements and the window and grace settings.
/// Tier, setting and achievement changes ask for every standing to be recomputed in the background; rule changes
/// don't, because points are stamped on each activity when it is recorded.
/// </summary>
public sealed class ProgrammeSetupService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, StandingRefresh refresh, TimeProvider clock, ActiveCallers callers,
    IStringLocalizer<ProgressManageText> text)
{
    public const string Recalculating = "Member tiers are being recalculated in the background.";

    public async Task<IReadOnlyList<EngagementRuleRow>> GetRulesAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.EngagementRules.AsNoTracking().ToDictionaryAsync(r => r.Type, ct);
        // Every activity gets a row: one without a stored rule earns nothing until a manager sets it.
        return ActivityTypes.Earning
            .Select(type => rules.TryGetValue(type, out var r)
                ? new EngagementRuleRow(type, r.Points, r.CapCount, r.CapPeriod, r.CapPerStore, r.UpdatedAt)
                : new EngagementRuleRow(type, 0, null, CapPeriod.None, false, null))
            .ToList();
    }

    /// <summary>Saves only if nobody changed the rule since it was loaded; otherwise says so and changes nothing.</summary>
    public async Task<SetupResult> SaveRuleAsync(Caller caller, EngagementRuleEditor editor, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        var errors = ProgrammeSetupRules.Validate(editor, text);
        if (errors.Count > 0) return Invalid(errors);

        var (type, points) = (editor.Type, editor.Points);
        var (cap, period, perStore) = editor.CapCount is { } count ? ((int?)count, editor.CapPeriod, editor.CapPerStore) : (null, CapPeriod.None, false);
        var stale = SetupResult.Stale(text["Someone else changed “{0}” while you were editing. The table now shows their version; edit it again if needed.", text.RuleLabel(type)]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (editor.LoadedUpdatedAt is not { } loaded)
        {
            db.EngagementRules.Add(new EngagementRule { Type = type, Points = points, CapCount = cap, CapPeriod = period, CapPerStore = perStore, UpdatedAt = Stamp(null) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return stale;
            }
        }
        else
        {
            var stamp = Stamp(loaded);
            var changed = await db.EngagementRules.Where(r => r.Type == type && r.UpdatedAt == loaded)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Points, points).SetProperty(r => r.CapCount, cap).SetProperty(r => r.CapPeriod, period)
                    .SetProperty(r => r.CapPerStore, perStore).SetProperty(r => r.UpdatedAt, stamp), ct);
            if (changed == 0) return stale;
        }
        return SetupResult.Ok(text["“{0}” saved. It applies from now on; past activity keeps its points.", text.RuleLabel(type)]);
    }

    public async Task<IReadOnlyList<TierRow>> GetTiersAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tiers = await db.Tiers.AsNoTracking().OrderBy(t => t.Threshold).ThenBy(t => t.Rank).ToListAsync(ct);
        var holding = await db.MemberStandings.AsNoTracking().GroupBy(s => s.TierId)
            .Select(g => new { TierId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.TierId, g => g.Count, ct);
        // A member without a standing row holds the entry tier.
        var withoutStanding = await db.Members.AsNoTracking().CountAsync(m => m.AnonymisedAt == null && !db.MemberStandings.Any(s => s.MemberId == m.Id), ct);
        return tiers.Select((t, i) => new TierRow(t.Id, t.Name, t.Colour, t.Threshold, t.Unlocks,
            holding.GetValueOrDefault(t.Id) + (i == 0 ? withoutStanding : 0), IsEntry: i == 0)).ToList();
    }

    public async Task<SetupResult> SaveTierAsync(Caller caller, TierEditor editor, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        // Checked together with the database's checks below, so every problem shows at once.
        var errors = ProgrammeSetupRules.Validate(editor, text);
        var name = editor.Name?.Trim() ?? "";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LockSetupAsync(db, ct);
            var tiers = await db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).ToListAsync(ct);
            var tier = editor.Id is { } id ? tiers.FirstOrDefault(t => t.Id == id) : null;
            if (editor.Id is not null && tier is null) return SetupResult.Stale(text["This tier was deleted meanwhile. The list has been reloaded."]);
            if (tier is null && tiers.Count >= ProgrammeSetupRules.MaxTiers)
            {
                return SetupResult.Refused(text["A programme can have at most {0} tiers. Edit or delete one instead.", ProgrammeSetupRules.MaxTiers]);
            }

            // The entry tier is the lowest; every member starts there, so it stays at 0.
            var isEntry = tiers.Count == 0 || tiers[0] == tier;
            var others = tiers.Where(t => t != tier).ToList();
            if (others.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } namesake)
            {
                errors.TryAdd(nameof(editor.Name), text["There is already a tier called {0}.", namesake.Name]);
            }
            if (isEntry && editor.Threshold != 0) errors[nameof(editor.Threshold)] = text["Every member starts in the entry tier, so its threshold stays 0."];
            else if (others.FirstOrDefault(t => t.Threshold == editor.Threshold) is { } same)
            {
                errors.TryAdd(nameof(editor.Threshold), text["{0} already starts at {1:N0} points. Each tier needs its own threshold.", same.Name, editor.Threshold]);
            }
            if (errors.Count > 0) return Invalid(errors);

            if (tier is null) db.Tiers.Add(tier = new Tier());
            tier.Name = name;
            tier.Colour = ProgrammeSetupRules.NormaliseColour(editor.Colour);
            tier.Threshold = editor.Threshold;
            tier.Unlocks = string.IsNullOrWhiteSpace(editor.Unlocks) ? null : editor.Unlocks.Trim();
            await RenumberAsync(db, [.. others, tier], ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A unique name or rank taken by a save that committed first.
            return SetupResult.Stale(text["Another manager changed the tiers at the same moment. The list has been reloaded; please try again."]);
        }
        refresh.Request();
        return SetupResult.Ok(text["{0} saved. {1}", name, text[Recalculating]]);
    }

    /// <summary>Members holding the tier move to the one below it in the same transaction; the refresh then places everyone properly.</summary>
    public async Task<SetupResult> DeleteTierAsync(Caller caller, int tierId, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string name, belowName;
        int moved;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await LockSetupAsync(db, ct);
            var tiers = await db.Tiers.OrderBy(t => t.Threshold).ThenBy(t => t.Rank).ToListAsync(ct);
            var index = tiers.FindIndex(t => t.Id == tierId);
            if (index < 0) return SetupResult.Stale(text["This tier was already deleted. The list has been reloaded."]);
            if (index == 0) return SetupResult.Refused(text["The entry tier can't be deleted: every member starts in it."]);
            var (tier, below) = (tiers[index], tiers[index - 1]);
            (name, belowName) = (tier.Name, below.Name);

            var live = await db.Benefits.AsNoTracking()
                .Where(b => b.Status != BenefitStatus.Archived && (b.MinimumTierId == tierId || b.EarlyAccessTierId == tierId))
                .OrderBy(b => b.Title).Select(b => b.Title).ToListAsync(ct);
            if (live.Count > 0)
            {
                return SetupResult.Refused(live.Count == 1
                    ? text["{0} is limited to {1} or gives it early access. Change or archive it first.", Benefits(live), name]
                    : text["{0} are limited to {1} or give it early access. Change or archive them first.", Benefits(live), name]);
            }
            // Archived benefits can no longer be edited; what they pointed at follows the members down.
            await db.Benefits.Where(b => b.MinimumTierId == tierId).ExecuteUpdateAsync(s => s.SetProperty(b => b.MinimumTierId, below.Id), ct);
            await db.Benefits.Where(b => b.EarlyAccessTierId == tierId).ExecuteUpdateAsync(s => s.SetProperty(b => b.EarlyAccessTierId, below.Id), ct);
            // Their move down is tier history too; written in one statement, as a tier can hold many members.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "TierChanges" ("MemberId", "FromTierId", "ToTierId", "IsUp", "ChangedAt")
                SELECT "MemberId", "TierId", {below.Id}, {false}, {clock.GetUtcNow().UtcDateTime} FROM "MemberStandings" WHERE "TierId" = {tierId}
                """, ct);
            moved = await db.MemberStandings.Where(s => s.TierId == tierId).ExecuteUpdateAsync(s => s.SetProperty(m => m.TierId, below.Id), ct);

            db.Tiers.Remove(tier);
            tiers.RemoveAt(index);
            await db.SaveChangesAsync(ct);
            await RenumberAsync(db, tiers, ct);
            await transaction.CommitAsync(ct);
        }
        refresh.Request();
        return SetupResult.Ok(moved == 1
            ? text["{0} deleted; 1 member moved to {1}. {2}", name, belowName, text[Recalculating]]
            : text["{0} deleted; {1:N0} members moved to {2}. {3}", name, moved, belowName, text[Recalculating]]);
    }

    public async Task<IReadOnlyList<AchievementRow>> GetAchievementsAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Achievements.AsNoTracking()
            .Select(a => new AchievementRow(a.Id, a.Name, a.Description, a.Badge, a.ActivityType, a.TargetCount, a.WindowDays, a.IsRetired,
                db.MemberAchievements.Count(e => e.AchievementId == a.Id)))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.IsRetired).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<SetupResult> SaveAchievementAsync(Caller caller, AchievementEditor editor, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        var errors = ProgrammeSetupRules.Validate(editor, text);
        var name = editor.Name?.Trim() ?? "";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Few achievements, and SQLite's lower() knows only ASCII: compare names here.
        var names = await db.Achievements.AsNoTracking().Where(a => a.Id != editor.Id).Select(a => a.Name).ToListAsync(ct);
        if (names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } namesake)
        {
            errors.TryAdd(nameof(editor.Name), text["There is already an achievement called {0}.", namesake]);
        }
        if (errors.Count > 0) return Invalid(errors);

        Achievement? achievement;
        if (editor.Id is { } id)
        {
            achievement = await db.Achievements.FirstOrDefaultAsync(a => a.Id == id, ct);
            if (achievement is null) return SetupResult.Stale(text["This achievement no longer exists. The list has been reloaded."]);
        }
        else
        {
            db.Achievements.Add(achievement = new Achievement { CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
        achievement.Name = name;
        achievement.Description = editor.Description.Trim();
        achievement.Badge = editor.Badge;
        achievement.ActivityType = editor.ActivityType;
        achievement.TargetCount = editor.TargetCount;
        achievement.WindowDays = editor.WindowDays;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same name saved by another manager a moment ago.
            return SetupResult.Field(nameof(editor.Name), text["There is already an achievement called {0}.", name], text[CheckTheFields]);
        }
        // Members who already meet the rule get it from history.
        refresh.Request();
        return SetupResult.Ok(text["{0} saved. Members who already meet it will have it shortly.", name]);
    }

    /// <summary>Retired achievements stay with those who earned them but are no longer offered or awarded.</summary>
    public async Task<SetupResult> SetAchievementRetiredAsync(Caller caller, int achievementId, bool retired, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.Achievements.Where(a => a.Id == achievementId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsRetired, retired), ct);
        if (changed == 0) return SetupResult.Stale(text["This achievement no longer exists. The list has been reloaded."]);
        if (!retired) refresh.Request();
        return SetupResult.Ok(retired
            ? text["Retired. Members who earned it keep it; nobody new can earn it."]
            : text["Restored. Members who already meet it will have it shortly."]);
    }

    public async Task<ProgressSettingsEditor> GetSettingsAsync(Caller caller, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.ProgressSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new ProgressSettings();
        return new ProgressSettingsEditor { WindowMonths = settings.WindowMonths, GraceDays = settings.GraceDays, LapseWarningDays = settings.LapseWarningDays };
    }

    public async Task<SetupResult> SaveSettingsAsync(Caller caller, ProgressSettingsEditor editor, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        var errors = ProgrammeSetupRules.Validate(editor, text);
        if (errors.Count > 0) return Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.ProgressSettings.FirstOrDefaultAsync(s => s.Id == ProgressSettings.SingletonId, ct);
        if (settings is null) db.ProgressSettings.Add(settings = new ProgressSettings());
        settings.WindowMonths = editor.WindowMonths;
        settings.GraceDays = editor.GraceDays;
        settings.LapseWarningDays = editor.LapseWarningDays;
        settings.StandingsChangedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        refresh.Request();
        return SetupResult.Ok(text["Settings saved. {0}", text[Recalculating]]);
    }

    /// <summary>
    /// Ranks follow thresholds, lowest first. Rank is unique and checked row by row, so every tier first takes a
    /// distinct negative rank that no current rank uses, then its final place; the caller's transaction holds both.
    /// </summary>
    private static async Task RenumberAsync(LoyaltyDbContext db, List<Tier> tiers, CancellationToken ct)
    {
        var ordered = tiers.OrderBy(t => t.Threshold).ToList();
        var floor = Math.Min(0, ordered.Min(t => t.Rank)) - 1;
        for (var i = 0; i < ordered.Count; i++) ordered[i].Rank = floor - i;
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < ordered.Count; i++) ordered[i].Rank = i;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Tier changes are checked against all tiers, so two at once must not both pass: touching the settings row
    /// first makes a second manager's save wait for this one (SQLite transactions already start as writers).
    /// </summary>
    private Task LockSetupAsync(LoyaltyDbContext db, CancellationToken ct)
    {
        // Also marks stored standings as computed under the old tiers (see ProgressSettings.StandingsChangedAt).
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ProgressSettings.Where(s => s.Id == ProgressSettings.SingletonId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StandingsChangedAt, now), ct);
    }

    /// <summary>
    /// A new UpdatedAt that always differs from the one loaded, even when the clock has not moved, rounded to the
    /// microsecond PostgreSQL keeps, so the value written is the value read back and compared next time.
    /// </summary>
    private DateTime Stamp(DateTime? loaded)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10));
        return loaded is { } before && now <= before ? before.AddTicks(10) : now;
    }

    private string Benefits(List<string> titles) =>
        titles.Count <= 3 ? string.Join(", ", titles.Select(t => $"“{t}”")) : text["“{0}”, “{1}” and {2} more benefits", titles[0], titles[1], titles.Count - 2];

    private const string CheckTheFields = "Please correct the highlighted fields.";

    private SetupResult Invalid(Dictionary<string, string> errors) => SetupResult.Invalid(errors, text[CheckTheFields]);

    private Task RequireManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers change the progress rules.", ct);
}
