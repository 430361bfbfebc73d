using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>A German-speaking manager reads the progress setup's refusals and rules in German.</summary>
public sealed class ProgrammeSetupGermanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tier_without_a_name_is_refused_in_German()
    {
        using var german = SetupGerman.Use();
        await using var db = await TestDb.CreateAsync();

        var result = await db.Get<ProgrammeSetupService>().SaveTierAsync(await db.AddManagerAsync(), new TierEditor { Name = " ", Threshold = 5000 }, Ct);

        Assert.Equal("Geben Sie eine Bezeichnung ein.", result.FieldErrors[nameof(TierEditor.Name)]);
        Assert.Equal("Bitte korrigieren Sie die markierten Felder.", result.Message);
    }

    [Fact]
    public async Task An_achievement_rule_and_a_cap_read_as_German()
    {
        using var german = SetupGerman.Use();
        await using var db = await TestDb.CreateAsync();
        var text = db.Get<IStringLocalizer<ProgressManageText>>();

        Assert.Equal("An 2 Veranstaltungen teilnehmen (innerhalb von 60 Tagen)", text.Achievement(ActivityType.EventAttended, 2, 60));
        Assert.Equal("1.000 pro Tag und Filiale", text.Cap(1000, CapPeriod.Day, perStore: true));
    }
}
