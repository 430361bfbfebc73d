using LoyaltyPortal.Features.Benefits;

namespace LoyaltyPortal.Tests.Features.Benefits.Manage;

/// <summary>A German-speaking manager reads the editor's refusals in German.</summary>
public sealed class BenefitAdminGermanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_ending_before_it_starts_is_refused_in_German()
    {
        using var german = SetupGerman.Use();
        await using var db = await TestDb.CreateAsync();
        var editor = db.NewEvent();
        editor.EndsAt = editor.StartsAt!.Value.AddMinutes(-30);

        var result = await db.Get<BenefitAdminService>().SaveAsync(await db.AddManagerAsync(), editor, Ct);

        Assert.Equal("Das Ende muss nach dem Beginn liegen.", result.FieldErrors[nameof(BenefitEditor.EndsAt)]);
        Assert.Equal("Bitte prüfen Sie die markierten Felder.", result.Message);
    }

    [Fact]
    public async Task A_saved_draft_is_confirmed_and_published_in_German()
    {
        using var german = SetupGerman.Use();
        await using var db = await TestDb.CreateAsync();
        var (admin, manager) = (db.Get<BenefitAdminService>(), await db.AddManagerAsync());

        var saved = await admin.SaveAsync(manager, db.NewEvent(), Ct);
        var published = await admin.PublishAsync(manager, saved.BenefitId!.Value, Ct);

        Assert.Equal("Als Entwurf gespeichert.", saved.Message);
        Assert.Equal("Veröffentlicht: Mitglieder sehen ihn jetzt.", published.Message);
    }
}
