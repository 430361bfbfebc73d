using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>Every number in progress setup has an upper bound that a direct service call meets too.</summary>
public sealed class ProgrammeSetupBoundsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Hostile_numbers_in_every_setup_editor_are_refused_with_field_messages(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var setup = db.Get<ProgrammeSetupService>();

        var tier = await setup.SaveTierAsync(manager, new TierEditor { Name = "Diamond", Colour = "#B9F2FF", Threshold = int.MaxValue }, Ct);
        var rule = await setup.SaveRuleAsync(manager, new EngagementRuleEditor { Type = ActivityType.Visit, Points = int.MaxValue, CapCount = int.MaxValue }, Ct);
        var achievement = await setup.SaveAchievementAsync(manager,
            new AchievementEditor { Name = "Bounds check", Description = "Visit often", TargetCount = int.MaxValue, WindowDays = int.MaxValue }, Ct);
        var settings = await setup.SaveSettingsAsync(manager,
            new ProgressSettingsEditor { WindowMonths = int.MaxValue, GraceDays = int.MaxValue, LapseWarningDays = int.MaxValue }, Ct);

        Assert.Equal("The threshold must be between 0 and 1,000,000 points.", tier.FieldErrors[nameof(TierEditor.Threshold)]);
        Assert.Equal([nameof(EngagementRuleEditor.CapCount), nameof(EngagementRuleEditor.Points)], rule.FieldErrors.Keys.Order());
        Assert.Equal([nameof(AchievementEditor.TargetCount), nameof(AchievementEditor.WindowDays)], achievement.FieldErrors.Keys.Order());
        Assert.Equal([nameof(ProgressSettingsEditor.GraceDays), nameof(ProgressSettingsEditor.LapseWarningDays), nameof(ProgressSettingsEditor.WindowMonths)],
            settings.FieldErrors.Keys.Order());
        Assert.False(await db.QueryAsync(c => c.Tiers.AnyAsync(t => t.Name == "Diamond", Ct)));
    }

    [Theory, AllProviders]
    public async Task The_largest_allowed_threshold_saves(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        var tier = await db.Get<ProgrammeSetupService>().SaveTierAsync(manager,
            new TierEditor { Name = "Diamond", Colour = "#B9F2FF", Threshold = ProgrammeSetupRules.MaxThreshold }, Ct);

        Assert.True(tier.Succeeded, string.Join(" ", tier.FieldErrors.Values));
    }
}
