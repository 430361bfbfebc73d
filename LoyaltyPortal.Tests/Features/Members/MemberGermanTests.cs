using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Features.Members;

/// <summary>Profile rules and refusals answer in the reader's language.</summary>
public sealed class MemberGermanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Name_messages_are_in_German_with_the_limit_filled_in()
    {
        using var german = TestCulture.German();

        Assert.Equal("Geben Sie den Namen ein, mit dem wir Sie ansprechen sollen.", MemberRules.ValidateName(" "));
        Assert.Equal($"Verwenden Sie höchstens {MemberRules.NameMaxLength} Zeichen.", MemberRules.ValidateName(new string('a', MemberRules.NameMaxLength + 1)));
        Assert.Equal("Geben Sie den Namen ein.", MemberRules.ValidateName("", MemberRules.NameMissing(MemberRules.WhoseName.Someone)));
        Assert.Equal("Geben Sie eine E-Mail-Adresse wie name@example.com ein.", MemberRules.ValidateEmail("not an email"));
    }

    [Fact]
    public void Name_messages_stay_English_for_an_English_reader() =>
        Assert.Equal("Enter the name you like to be called.", MemberRules.ValidateName(""));

    [Fact]
    public async Task A_profile_refusal_comes_back_in_German()
    {
        await using var db = await TestDb.CreateAsync();
        var (_, caller) = await db.AddMemberAsync("Anna Müller");
        using var german = TestCulture.German();

        var result = await db.Get<MemberService>().UpdateMyProfileAsync(caller!, new ProfileInput
        {
            PreferredName = "Anna Müller", Birthday = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime).AddDays(1),
        }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Geben Sie ein gültiges Geburtsdatum ein.", result.FieldErrors[nameof(ProfileInput.Birthday)]);
        Assert.Equal("Bitte prüfen Sie die markierten Felder.", result.Message);
    }
}
