using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>
/// The manager's progress setup over the starter programme (Member 0, Silver 300, Gold 900; starter rules and
/// achievements). Each refusal answers beside its field; tier changes keep ranks in threshold order and ask for a refresh.
/// </summary>
public sealed class ProgrammeSetupServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- Engagement rules ----

    [Theory, AllProviders]
    public async Task Saving_a_rule_changes_points_and_cap_and_stamps_the_time(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var editor = (await setup.GetRulesAsync(manager, Ct)).Single(r => r.Type == ActivityType.EventAttended).ToEditor();
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        (editor.Points, editor.CapCount, editor.CapPeriod, editor.CapPerStore) = (60, 2, CapPeriod.Week, true);

        var result = await setup.SaveRuleAsync(manager, editor, Ct);

        Assert.True(result.Succeeded, result.Message);
        var rule = await db.QueryAsync(c => c.EngagementRules.SingleAsync(r => r.Type == ActivityType.EventAttended, Ct));
        Assert.Equal((60, 2, CapPeriod.Week, true), (rule.Points, rule.CapCount, rule.CapPeriod, rule.CapPerStore));
        // Now, unless the loaded stamp is later (the PostgreSQL template is seeded on the real clock): then just after it.
        var loaded = editor.LoadedUpdatedAt!.Value;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(now > loaded ? now : loaded.AddTicks(10), rule.UpdatedAt);
        Assert.False(RefreshRequested(db), "Rule changes apply from now on; nothing to recompute.");
    }

    [Theory, AllProviders]
    public async Task Saving_a_rule_without_a_cap_clears_the_cap(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var editor = (await setup.GetRulesAsync(manager, Ct)).Single(r => r.Type == ActivityType.Visit).ToEditor();
        editor.CapCount = null;

        Assert.True((await setup.SaveRuleAsync(manager, editor, Ct)).Succeeded);

        var rule = await db.QueryAsync(c => c.EngagementRules.SingleAsync(r => r.Type == ActivityType.Visit, Ct));
        Assert.Equal((null, CapPeriod.None, false), (rule.CapCount, rule.CapPeriod, rule.CapPerStore));
    }

    [Theory, AllProviders]
    public async Task A_rule_changed_by_someone_else_since_loading_is_not_saved(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var setup = db.Get<ProgrammeSetupService>();
        var (first, second) = (await AddManagerAsync(db), await db.AddUserAsync(Roles.Manager, "Second Manager"));
        var loaded = (await setup.GetRulesAsync(first, Ct)).Single(r => r.Type == ActivityType.Visit);
        var (mine, theirs) = (loaded.ToEditor(), loaded.ToEditor());
        (theirs.Points, mine.Points) = (25, 99);

        // The clock has not moved: the second save must still see the first.
        Assert.True((await setup.SaveRuleAsync(second, theirs, Ct)).Succeeded);
        var result = await setup.SaveRuleAsync(first, mine, Ct);

        Assert.False(result.Succeeded);
        Assert.True(result.Conflict);
        Assert.Contains("changed", result.Message, StringComparison.Ordinal);
        Assert.Equal(25, await db.QueryAsync(c => c.EngagementRules.Where(r => r.Type == ActivityType.Visit).Select(r => r.Points).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Reloading_after_a_save_allows_the_next_save(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        foreach (var points in new[] { 11, 12 })
        {
            var editor = (await setup.GetRulesAsync(manager, Ct)).Single(r => r.Type == ActivityType.Visit).ToEditor();
            editor.Points = points;
            Assert.True((await setup.SaveRuleAsync(manager, editor, Ct)).Succeeded);
        }
        Assert.Equal(12, await db.QueryAsync(c => c.EngagementRules.Where(r => r.Type == ActivityType.Visit).Select(r => r.Points).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Rule_values_out_of_range_are_refused_on_their_fields(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var loaded = (await setup.GetRulesAsync(manager, Ct)).Single(r => r.Type == ActivityType.Visit);

        async Task<SetupResult> Save(Action<EngagementRuleEditor> change)
        {
            var editor = loaded.ToEditor();
            change(editor);
            return await setup.SaveRuleAsync(manager, editor, Ct);
        }

        Assert.Equal("Points must be between 0 and 10,000.", (await Save(e => e.Points = 10_001)).FieldErrors[nameof(EngagementRuleEditor.Points)]);
        Assert.Equal("Points must be between 0 and 10,000.", (await Save(e => e.Points = -1)).FieldErrors[nameof(EngagementRuleEditor.Points)]);
        Assert.Contains("between 1 and 1,000", (await Save(e => e.CapCount = 0)).FieldErrors[nameof(EngagementRuleEditor.CapCount)]);
        Assert.Contains("between 1 and 1,000", (await Save(e => e.CapCount = 1_001)).FieldErrors[nameof(EngagementRuleEditor.CapCount)]);
        Assert.Equal("Choose per day, week or month.", (await Save(e => (e.CapCount, e.CapPeriod) = (3, CapPeriod.None))).FieldErrors[nameof(EngagementRuleEditor.CapPeriod)]);
        Assert.Equal(10, await db.QueryAsync(c => c.EngagementRules.Where(r => r.Type == ActivityType.Visit).Select(r => r.Points).SingleAsync(Ct)));
    }

    // ---- Tiers ----

    [Theory, AllProviders]
    public async Task Adding_a_tier_between_others_renumbers_ranks_by_threshold(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveTierAsync(manager, new TierEditor { Name = "Bronze", Colour = "#cd7f32", Threshold = 100 }, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("recalculated in the background", result.Message, StringComparison.Ordinal);
        Assert.Equal(["Member:0", "Bronze:1", "Silver:2", "Gold:3"], await RanksAsync(db));
        Assert.Equal("#CD7F32", await db.QueryAsync(c => c.Tiers.Where(t => t.Name == "Bronze").Select(t => t.Colour).SingleAsync(Ct)));
        Assert.True(RefreshRequested(db));
    }

    [Theory, AllProviders]
    public async Task Moving_a_threshold_past_another_tier_swaps_their_ranks(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var gold = (await setup.GetTiersAsync(manager, Ct)).Single(t => t.Name == "Gold").ToEditor();
        gold.Threshold = 200;

        Assert.True((await setup.SaveTierAsync(manager, gold, Ct)).Succeeded);

        Assert.Equal(["Member:0", "Gold:1", "Silver:2"], await RanksAsync(db));
    }

    [Theory, AllProviders]
    public async Task A_threshold_another_tier_has_is_refused_on_the_threshold_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveTierAsync(manager, new TierEditor { Name = "Platinum", Colour = "#E5E4E2", Threshold = 900 }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Gold already starts at 900 points. Each tier needs its own threshold.", result.FieldErrors[nameof(TierEditor.Threshold)]);
        Assert.Equal(3, await db.QueryAsync(c => c.Tiers.CountAsync(Ct)));
        Assert.False(RefreshRequested(db));
    }

    [Theory, AllProviders]
    public async Task A_name_another_tier_has_in_any_case_is_refused_on_the_name_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveTierAsync(manager, new TierEditor { Name = " gold ", Colour = "#FFD700", Threshold = 1500 }, Ct);

        Assert.Equal("There is already a tier called Gold.", result.FieldErrors[nameof(TierEditor.Name)]);
    }

    [Theory, AllProviders]
    public async Task A_colour_that_is_not_hex_is_refused_on_the_colour_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        foreach (var colour in new[] { "gold", "#12", "#1234", "#GGGGGG", "B08D57", "", "#B08D57; background: url(x)" })
        {
            var result = await setup.SaveTierAsync(manager, new TierEditor { Name = "Platinum", Colour = colour, Threshold = 1500 }, Ct);

            Assert.Equal("Enter a colour as #RGB or #RRGGBB, for example #B08D57.", result.FieldErrors[nameof(TierEditor.Colour)]);
        }
        Assert.Equal(3, await db.QueryAsync(c => c.Tiers.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Every_tier_problem_shows_at_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveTierAsync(manager, new TierEditor { Name = "silver", Colour = "orange", Threshold = 900 }, Ct);

        Assert.Equal([nameof(TierEditor.Colour), nameof(TierEditor.Name), nameof(TierEditor.Threshold)], result.FieldErrors.Keys.Order());
    }

    [Theory, AllProviders]
    public async Task Names_and_thresholds_are_checked_beside_their_fields(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveTierAsync(manager, new TierEditor { Name = "  ", Colour = "#FFF", Threshold = -5, Unlocks = new string('x', 501) }, Ct);

        Assert.Equal("Enter a name.", result.FieldErrors[nameof(TierEditor.Name)]);
        Assert.Equal("The threshold can't be negative.", result.FieldErrors[nameof(TierEditor.Threshold)]);
        Assert.Equal("Keep this to 500 characters.", result.FieldErrors[nameof(TierEditor.Unlocks)]);
    }

    [Theory, AllProviders]
    public async Task The_entry_tier_keeps_a_threshold_of_zero(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var entry = (await setup.GetTiersAsync(manager, Ct)).Single(t => t.IsEntry).ToEditor();
        (entry.Threshold, entry.Name) = (50, "Insider");

        var refused = await setup.SaveTierAsync(manager, entry, Ct);
        entry.Threshold = 0;
        var renamed = await setup.SaveTierAsync(manager, entry, Ct);

        Assert.Equal("Every member starts in the entry tier, so its threshold stays 0.", refused.FieldErrors[nameof(TierEditor.Threshold)]);
        Assert.True(renamed.Succeeded, renamed.Message);
        Assert.Equal(["Insider:0", "Silver:1", "Gold:2"], await RanksAsync(db));
    }

    [Theory, AllProviders]
    public async Task A_ninth_tier_is_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        for (var i = 1; i <= 5; i++)
        {
            Assert.True((await setup.SaveTierAsync(manager, new TierEditor { Name = $"Level {i}", Colour = "#123456", Threshold = 1000 * i + 500 }, Ct)).Succeeded);
        }

        var result = await setup.SaveTierAsync(manager, new TierEditor { Name = "Level 6", Colour = "#123456", Threshold = 9000 }, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("at most 8 tiers", result.Message, StringComparison.Ordinal);
        Assert.Equal(8, await db.QueryAsync(c => c.Tiers.CountAsync(Ct)));
        Assert.Equal(Enumerable.Range(0, 8), await db.QueryAsync(c => c.Tiers.OrderBy(t => t.Threshold).Select(t => t.Rank).ToListAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task The_entry_tier_cannot_be_deleted(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var entry = (await setup.GetTiersAsync(manager, Ct)).Single(t => t.IsEntry);

        var result = await setup.DeleteTierAsync(manager, entry.Id, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("The entry tier can't be deleted: every member starts in it.", result.Message);
        Assert.Equal(3, await db.QueryAsync(c => c.Tiers.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Deleting_a_tier_moves_its_members_to_the_tier_below_and_renumbers(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var tiers = (await setup.GetTiersAsync(manager, Ct)).ToDictionary(t => t.Name, t => t.Id);
        var onSilver = await AddStandingAsync(db, "Sam Silver", tiers["Silver"]);
        var onGold = await AddStandingAsync(db, "Gail Gold", tiers["Gold"]);
        await AddStandingAsync(db, "Gus Gold", tiers["Gold"]);

        var result = await setup.DeleteTierAsync(manager, tiers["Silver"], Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Silver deleted; 1 member moved to Member. Member tiers are being recalculated in the background.", result.Message);
        Assert.Equal(tiers["Member"], await TierOfAsync(db, onSilver));
        Assert.Equal(tiers["Gold"], await TierOfAsync(db, onGold));
        Assert.Equal(["Member:0", "Gold:1"], await RanksAsync(db));
        Assert.True(RefreshRequested(db));
    }

    [Theory, AllProviders]
    public async Task Members_holding_a_tier_are_counted(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var tiers = (await setup.GetTiersAsync(manager, Ct)).ToDictionary(t => t.Name, t => t.Id);
        await AddStandingAsync(db, "Gail Gold", tiers["Gold"]);
        await AddStandingAsync(db, "Gus Gold", tiers["Gold"]);
        await db.AddMemberAsync("New Member", withLogin: false);

        var counts = (await setup.GetTiersAsync(manager, Ct)).ToDictionary(t => t.Name, t => t.Members);

        // A member without a standing yet holds the entry tier.
        Assert.Equal(new Dictionary<string, int> { ["Member"] = 1, ["Silver"] = 0, ["Gold"] = 2 }, counts);
    }

    [Theory, AllProviders]
    public async Task A_tier_a_live_benefit_is_limited_to_cannot_be_deleted(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var gold = (await setup.GetTiersAsync(manager, Ct)).Single(t => t.Name == "Gold").Id;
        await db.AddEventAsync(configure: b => b.MinimumTierId = gold);

        var result = await setup.DeleteTierAsync(manager, gold, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("“Saturday run club” is limited to Gold", result.Message, StringComparison.Ordinal);
        Assert.True(await db.QueryAsync(c => c.Tiers.AnyAsync(t => t.Id == gold, Ct)));
    }

    [Theory, AllProviders]
    public async Task Deleting_a_tier_moves_archived_benefits_to_the_tier_below(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var tiers = (await setup.GetTiersAsync(manager, Ct)).ToDictionary(t => t.Name, t => t.Id);
        var benefit = await db.AddEventAsync(configure: b => (b.Status, b.MinimumTierId, b.EarlyAccessTierId) = (BenefitStatus.Archived, tiers["Gold"], tiers["Gold"]));

        Assert.True((await setup.DeleteTierAsync(manager, tiers["Gold"], Ct)).Succeeded);

        var saved = await db.QueryAsync(c => c.Benefits.SingleAsync(b => b.Id == benefit.Id, Ct));
        Assert.Equal((tiers["Silver"], tiers["Silver"]), (saved.MinimumTierId, saved.EarlyAccessTierId));
    }

    // ---- Achievements ----

    [Theory, AllProviders]
    public async Task Creating_an_achievement_saves_it_and_asks_for_a_refresh(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveAchievementAsync(manager, new AchievementEditor
        {
            Name = " Night owl ", Description = "Attend 2 evening events.", Badge = "bolt", ActivityType = ActivityType.EventAttended, TargetCount = 2, WindowDays = 60,
        }, Ct);

        Assert.True(result.Succeeded, result.Message);
        var saved = await db.QueryAsync(c => c.Achievements.SingleAsync(a => a.Name == "Night owl", Ct));
        Assert.Equal(("bolt", ActivityType.EventAttended, 2, (int?)60, false), (saved.Badge, saved.ActivityType, saved.TargetCount, saved.WindowDays, saved.IsRetired));
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, saved.CreatedAt);
        Assert.True(RefreshRequested(db));
        var row = (await setup.GetAchievementsAsync(manager, Ct)).Single(a => a.Id == saved.Id);
        Assert.Equal("Attend 2 events within 60 days", db.Get<IStringLocalizer<ProgressManageText>>().Achievement(row.ActivityType, row.TargetCount, row.WindowDays));
    }

    [Theory, AllProviders]
    public async Task An_achievement_name_taken_in_any_case_is_refused_on_the_name_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveAchievementAsync(manager, new AchievementEditor { Name = "REGULAR", Description = "Visit a lot.", ActivityType = ActivityType.Visit, TargetCount = 10 }, Ct);

        Assert.Equal("There is already an achievement called Regular.", result.FieldErrors[nameof(AchievementEditor.Name)]);
        Assert.False(RefreshRequested(db));
    }

    [Theory, AllProviders]
    public async Task Editing_an_achievement_may_keep_its_own_name(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var regular = (await setup.GetAchievementsAsync(manager, Ct)).Single(a => a.Name == "Regular").ToEditor();
        regular.TargetCount = 6;

        Assert.True((await setup.SaveAchievementAsync(manager, regular, Ct)).Succeeded);
        Assert.Equal(6, await db.QueryAsync(c => c.Achievements.Where(a => a.Name == "Regular").Select(a => a.TargetCount).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Achievement_fields_out_of_range_are_refused_beside_each_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveAchievementAsync(manager, new AchievementEditor
        {
            Name = "", Description = new string('d', 201), Badge = "unicorn", ActivityType = ActivityType.Visit, TargetCount = 0, WindowDays = 3_651,
        }, Ct);
        var joinedTwice = await setup.SaveAchievementAsync(manager, new AchievementEditor { Name = "Welcome", Description = "Join.", ActivityType = ActivityType.Joined, TargetCount = 2 }, Ct);

        Assert.Equal("Enter a name.", result.FieldErrors[nameof(AchievementEditor.Name)]);
        Assert.Equal("Keep the description to 200 characters.", result.FieldErrors[nameof(AchievementEditor.Description)]);
        Assert.Equal("Choose a badge.", result.FieldErrors[nameof(AchievementEditor.Badge)]);
        Assert.Equal("The target must be between 1 and 1,000.", result.FieldErrors[nameof(AchievementEditor.TargetCount)]);
        Assert.Equal("The window must be between 1 and 3,650 days, or any time.", result.FieldErrors[nameof(AchievementEditor.WindowDays)]);
        Assert.Equal("This happens once per member, so the target is 1.", joinedTwice.FieldErrors[nameof(AchievementEditor.TargetCount)]);
        Assert.Equal(5, await db.QueryAsync(c => c.Achievements.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Retiring_keeps_earned_badges_and_restoring_asks_for_a_refresh(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));
        var tester = (await setup.GetAchievementsAsync(manager, Ct)).Single(a => a.Name == "Tester");
        var (member, _) = await db.AddMemberAsync(withLogin: false);
        await using (var context = db.NewContext())
        {
            context.MemberAchievements.Add(new MemberAchievement { MemberId = member.Id, AchievementId = tester.Id, EarnedAt = db.Clock.GetUtcNow().UtcDateTime });
            await context.SaveChangesAsync(Ct);
        }

        Assert.True((await setup.SetAchievementRetiredAsync(manager, tester.Id, retired: true, Ct)).Succeeded);
        var listed = await setup.GetAchievementsAsync(manager, Ct);
        Assert.False(RefreshRequested(db));
        Assert.True((await setup.SetAchievementRetiredAsync(manager, tester.Id, retired: false, Ct)).Succeeded);

        // Retired ones are listed last, still counting who earned them.
        Assert.Equal((tester.Id, true, 1), (listed[^1].Id, listed[^1].IsRetired, listed[^1].Earned));
        Assert.False(await db.QueryAsync(c => c.Achievements.Where(a => a.Id == tester.Id).Select(a => a.IsRetired).SingleAsync(Ct)));
        Assert.True(RefreshRequested(db));
    }

    // ---- Settings ----

    [Theory, AllProviders]
    public async Task Settings_in_range_are_saved_and_ask_for_a_refresh(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var result = await setup.SaveSettingsAsync(manager, new ProgressSettingsEditor { WindowMonths = 36, GraceDays = 0, LapseWarningDays = 180 }, Ct);

        Assert.True(result.Succeeded, result.Message);
        var saved = await setup.GetSettingsAsync(manager, Ct);
        Assert.Equal((36, 0, 180), (saved.WindowMonths, saved.GraceDays, saved.LapseWarningDays));
        Assert.True(RefreshRequested(db));
    }

    [Theory, AllProviders]
    public async Task Settings_out_of_range_are_refused_beside_each_field(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (setup, manager) = (db.Get<ProgrammeSetupService>(), await AddManagerAsync(db));

        var low = await setup.SaveSettingsAsync(manager, new ProgressSettingsEditor { WindowMonths = 0, GraceDays = -1, LapseWarningDays = 0 }, Ct);
        var high = await setup.SaveSettingsAsync(manager, new ProgressSettingsEditor { WindowMonths = 37, GraceDays = 366, LapseWarningDays = 181 }, Ct);

        foreach (var result in new[] { low, high })
        {
            Assert.Equal("The window must be between 1 and 36 months.", result.FieldErrors[nameof(ProgressSettingsEditor.WindowMonths)]);
            Assert.Equal("Grace must be between 0 and 365 days.", result.FieldErrors[nameof(ProgressSettingsEditor.GraceDays)]);
            Assert.Equal("The warning must come 1 to 180 days ahead.", result.FieldErrors[nameof(ProgressSettingsEditor.LapseWarningDays)]);
        }
        var saved = await setup.GetSettingsAsync(manager, Ct);
        Assert.Equal((12, 30, 30), (saved.WindowMonths, saved.GraceDays, saved.LapseWarningDays));
        Assert.False(RefreshRequested(db));
    }

    // ---- Who may ----

    [Theory, AllProviders]
    public async Task Staff_and_members_are_refused_every_operation(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var setup = db.Get<ProgrammeSetupService>();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Staff", (await db.AddStoreAsync()).Id);
        var (_, member) = await db.AddMemberAsync();
        var manager = await AddManagerAsync(db);
        var rule = (await setup.GetRulesAsync(manager, Ct))[0].ToEditor();
        var tier = (await setup.GetTiersAsync(manager, Ct))[^1];
        var achievement = (await setup.GetAchievementsAsync(manager, Ct))[0];
        Func<Caller, Task>[] operations =
        [
            c => setup.GetRulesAsync(c, Ct),
            c => setup.SaveRuleAsync(c, rule, Ct),
            c => setup.GetTiersAsync(c, Ct),
            c => setup.SaveTierAsync(c, tier.ToEditor(), Ct),
            c => setup.DeleteTierAsync(c, tier.Id, Ct),
            c => setup.GetAchievementsAsync(c, Ct),
            c => setup.SaveAchievementAsync(c, achievement.ToEditor(), Ct),
            c => setup.SetAchievementRetiredAsync(c, achievement.Id, true, Ct),
            c => setup.GetSettingsAsync(c, Ct),
            c => setup.SaveSettingsAsync(c, new ProgressSettingsEditor { WindowMonths = 6, GraceDays = 10, LapseWarningDays = 10 }, Ct),
        ];

        foreach (var caller in new[] { staff, member! })
        {
            foreach (var operation in operations) await Assert.ThrowsAsync<UnauthorizedAccessException>(() => operation(caller));
        }
        Assert.Equal(3, await db.QueryAsync(c => c.Tiers.CountAsync(Ct)));
        Assert.False(await db.QueryAsync(c => c.Achievements.AnyAsync(a => a.IsRetired, Ct)));
        Assert.False(RefreshRequested(db));
    }

    private static Task<Caller> AddManagerAsync(TestDb db) => db.AddUserAsync(Roles.Manager, "Morgan Manager");

    /// <summary>Whether a background refresh was asked for (and clears the request).</summary>
    private static bool RefreshRequested(TestDb db)
    {
        var requested = false;
        while (db.Get<StandingRefresh>().Requests.TryRead(out _)) requested = true;
        return requested;
    }

    private static Task<List<string>> RanksAsync(TestDb db) =>
        db.QueryAsync(c => c.Tiers.OrderBy(t => t.Rank).Select(t => t.Name + ":" + t.Rank).ToListAsync(Ct));

    private static async Task<int> AddStandingAsync(TestDb db, string name, int tierId)
    {
        var (member, _) = await db.AddMemberAsync(name, withLogin: false);
        await using var context = db.NewContext();
        context.MemberStandings.Add(new MemberStanding { MemberId = member.Id, TierId = tierId, PointsInWindow = 1000, UpdatedAt = db.Clock.GetUtcNow().UtcDateTime });
        await context.SaveChangesAsync(Ct);
        return member.Id;
    }

    private static Task<int> TierOfAsync(TestDb db, int memberId) =>
        db.QueryAsync(c => c.MemberStandings.Where(s => s.MemberId == memberId).Select(s => s.TierId).SingleAsync(Ct));
}
