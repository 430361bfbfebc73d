using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Features.Staff;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Components.Shared;

/// <summary>Invisible direction controls can make a name or note read differently from what was typed; every input refuses them.</summary>
public sealed class TextRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // "Alex" then a right-to-left override: the rest displays reversed, "gnp.exe" reads as "exe.png".
    private const string Overridden = "Alex\u202Egnp.exe";

    public static TheoryData<char> DirectionControls =>
        new(['\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    [Theory, MemberData(nameof(DirectionControls))]
    public void Each_direction_control_is_refused(char control)
    {
        Assert.Equal(TextRules.DirectionMessage, TextRules.DirectionProblem($"Sam {control}Lee"));
        Assert.Equal(TextRules.DirectionMessage, MemberRules.ValidateName($"Sam {control}Lee"));
    }

    [Theory]
    [InlineData("Anna Müller")]
    [InlineData("محمد علي")]
    [InlineData("דנה 🙂")]
    public void Ordinary_names_in_any_script_pass(string name)
    {
        Assert.Null(TextRules.DirectionProblem(name));
        Assert.Null(MemberRules.ValidateName(name));
    }

    [Theory, AllProviders]
    public async Task Member_profile_name_and_what_matters_with_direction_controls_get_field_messages(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, caller) = await db.AddMemberAsync("Alex Morgan");

        var result = await db.Get<MemberService>().UpdateMyProfileAsync(caller!,
            new ProfileInput { PreferredName = Overridden, WhatMatters = "Running \u2067shoes\u2069" }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(TextRules.DirectionMessage, result.FieldErrors[nameof(ProfileInput.PreferredName)]);
        Assert.Equal(TextRules.DirectionMessage, result.FieldErrors[nameof(ProfileInput.WhatMatters)]);
        Assert.Equal("Alex Morgan", await db.QueryAsync(c => c.Members.Where(m => m.Id == member.Id).Select(m => m.PreferredName).SingleAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Staff_notes_enrolment_and_staff_names_with_direction_controls_are_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var manager = await db.AddUserAsync(Roles.Manager, storeId: store.Id);
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Alex Morgan");

        var note = await db.Get<RecognitionService>().AddNoteAsync(staff, member.Id, new NoteInput("Prefers \u202Eeet\u202C tea", Guid.NewGuid()), Ct);
        var enrol = await db.Get<EnrolmentService>().EnrolAsync(staff, new EnrolInput { PreferredName = Overridden, AcceptsTerms = true }, Ct);
        var account = await db.Get<StaffAccountService>().CreateAsync(manager,
            new NewStaffAccount { DisplayName = Overridden, Email = "priya@example.com", StoreId = store.Id, Password = "Counter#2026" }, Ct);

        Assert.Equal((false, TextRules.DirectionMessage), (note.Succeeded, note.Message));
        Assert.Equal(TextRules.DirectionMessage, enrol.FieldErrors[nameof(EnrolInput.PreferredName)]);
        Assert.Equal(TextRules.DirectionMessage, account.FieldErrors[nameof(NewStaffAccount.DisplayName)]);
        await using var context = db.NewContext();
        Assert.Equal((0, 1), (await context.StaffNotes.CountAsync(Ct), await context.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Benefit_and_programme_texts_with_direction_controls_get_field_messages(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddManagerAsync();
        var editor = db.NewEvent();
        editor.Title = Overridden;
        editor.Description = "Bring \u2066friends\u2069";

        var benefit = await db.Get<BenefitAdminService>().SaveAsync(manager, editor, Ct);
        var tier = await db.Get<ProgrammeSetupService>().SaveTierAsync(manager,
            new TierEditor { Name = Overridden, Colour = "#cd7f32", Threshold = 100, Unlocks = "Free \u200Fcoffee" }, Ct);
        var achievement = await db.Get<ProgrammeSetupService>().SaveAchievementAsync(manager,
            new AchievementEditor { Name = Overridden, Description = "Visit \u202Dthree\u202C times" }, Ct);

        Assert.Equal((TextRules.DirectionMessage, TextRules.DirectionMessage),
            (benefit.FieldErrors[nameof(BenefitEditor.Title)], benefit.FieldErrors[nameof(BenefitEditor.Description)]));
        Assert.Equal((TextRules.DirectionMessage, TextRules.DirectionMessage),
            (tier.FieldErrors[nameof(TierEditor.Name)], tier.FieldErrors[nameof(TierEditor.Unlocks)]));
        Assert.Equal((TextRules.DirectionMessage, TextRules.DirectionMessage),
            (achievement.FieldErrors[nameof(AchievementEditor.Name)], achievement.FieldErrors[nameof(AchievementEditor.Description)]));
        Assert.False(await db.QueryAsync(c => c.Benefits.AnyAsync(Ct)));
    }
}
