using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Features.Members;

public sealed class MemberRulesTests
{
    private const string Uk = "44";

    [Theory]
    [InlineData("07700 900123")]
    [InlineData("07700900123")]
    [InlineData("+44 7700 900123")]
    [InlineData("+44-7700-900-123")]
    [InlineData("+44 (7700) 900123")]
    [InlineData("+44 (0)7700 900123")]
    [InlineData("0044 7700 900123")]
    [InlineData("  07700.900.123  ")]
    public void NormalizePhone_gives_E164_for_every_common_UK_form(string input) =>
        Assert.Equal("+447700900123", MemberRules.NormalizePhone(input, Uk));

    [Fact]
    public void NormalizePhone_gives_landline_in_parentheses_the_default_country_code() =>
        Assert.Equal("+442079460958", MemberRules.NormalizePhone("(020) 7946 0958", Uk));

    [Fact]
    public void NormalizePhone_keeps_a_foreign_international_number() =>
        Assert.Equal("+33612345678", MemberRules.NormalizePhone("+33 6 12 34 56 78", Uk));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a phone")]
    [InlineData("0770O 900123")]
    [InlineData("07700 900123 ext")]
    [InlineData("7700 900123")]
    [InlineData("++44 7700 900123")]
    [InlineData("+44 7700 900123+")]
    [InlineData("+0 7700 900123")]
    [InlineData("0123")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("\u202e07700 900123")]
    public void NormalizePhone_rejects_what_is_not_a_phone_number(string input) =>
        Assert.Null(MemberRules.NormalizePhone(input, Uk));

    [Fact]
    public void NormalizePhone_rejects_ten_thousand_digits() =>
        Assert.Null(MemberRules.NormalizePhone("0" + new string('7', 9_999), Uk));

    [Fact]
    public void NormalizePhone_accepts_the_longest_E164_number() =>
        Assert.Equal("+123456789012345", MemberRules.NormalizePhone("+123456789012345", Uk));

    [Theory]
    [InlineData("Müller", "muller")]
    [InlineData("Zoë", "zoe")]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("Straße", "strasse")]
    [InlineData("ß", "ss")]
    [InlineData("  ANAÏS Lefèvre ", "anais lefevre")]
    [InlineData("Søndergaard", "sondergaard")]
    [InlineData("Nguyễn", "nguyen")]
    public void ToSearchForm_is_lower_case_without_accents(string name, string expected) =>
        Assert.Equal(expected, MemberRules.ToSearchForm(name));

    [Fact]
    public void ToSearchForm_of_composed_and_decomposed_forms_is_the_same() =>
        Assert.Equal(MemberRules.ToSearchForm("Zo\u00eb"), MemberRules.ToSearchForm("Zoe\u0308"));

    [Fact]
    public void ToSearchForm_never_exceeds_the_name_column_even_when_letters_expand()
    {
        var name = new string('ß', MemberRules.NameMaxLength);

        Assert.Equal(MemberRules.NameMaxLength, MemberRules.ToSearchForm(name).Length);
    }

    [Fact]
    public void ToSearchForm_drops_a_lone_surrogate_instead_of_throwing() =>
        Assert.Equal("ab", MemberRules.ToSearchForm("a\ud83db"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void ValidateName_asks_for_a_name_when_blank(string? name) =>
        Assert.Equal("Enter the name you like to be called.", MemberRules.ValidateName(name));

    [Fact]
    public void ValidateName_rejects_ten_thousand_characters() =>
        Assert.Equal($"Use at most {MemberRules.NameMaxLength} characters.", MemberRules.ValidateName(new string('a', 10_000)));

    [Fact]
    public void ValidateName_accepts_the_maximum_length() =>
        Assert.Null(MemberRules.ValidateName(new string('a', MemberRules.NameMaxLength)));

    [Theory]
    [InlineData("🏃‍♀️🌲")]
    [InlineData("123")]
    [InlineData("!!!")]
    [InlineData("\u200b\u200b")]
    public void ValidateName_needs_at_least_one_letter(string name) =>
        Assert.Equal("The name needs at least one letter.", MemberRules.ValidateName(name));

    [Theory]
    [InlineData("Zoë 🌿")]
    [InlineData("🏃 Sam")]
    [InlineData("José María O'Brien-Núñez")]
    [InlineData("محمد")]
    [InlineData("山田 花子")]
    public void ValidateName_accepts_real_names_including_emoji(string name) =>
        Assert.Null(MemberRules.ValidateName(name));

    [Theory]
    [InlineData("Alex\u0000Morgan")]
    [InlineData("Alex\nMorgan")]
    [InlineData("Alex\u0007")]
    [InlineData("Alex\u009b")]
    public void ValidateName_rejects_control_characters(string name) =>
        Assert.Equal("The name contains characters that cannot be shown.", MemberRules.ValidateName(name));

    [Fact]
    public void ValidateName_rejects_half_an_emoji()
    {
        // Attribute strings cannot carry a lone surrogate, so the names are built here.
        Assert.Equal("The name contains characters that cannot be shown.", MemberRules.ValidateName("Alex \ud83d"));
        Assert.Equal("The name contains characters that cannot be shown.", MemberRules.ValidateName("\ude00Alex"));
    }

    [Theory]
    [InlineData("name@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("  padded@example.com  ")]
    public void ValidateEmail_accepts_ordinary_addresses(string email) =>
        Assert.Null(MemberRules.ValidateEmail(email));

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("name@")]
    [InlineData("name@localhost")]
    [InlineData("name@@example.com")]
    [InlineData("name@exa mple.com")]
    [InlineData("Name <name@example.com>")]
    [InlineData("name@example.com, other@example.com")]
    [InlineData("\"name\"@example.com\u0000")]
    public void ValidateEmail_rejects_malformed_addresses(string email) =>
        Assert.Equal("Enter an email address like name@example.com.", MemberRules.ValidateEmail(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ValidateEmail_asks_for_an_address_when_blank(string? email) =>
        Assert.Equal("Enter an email address.", MemberRules.ValidateEmail(email));

    [Fact]
    public void ValidateEmail_rejects_ten_thousand_characters() =>
        Assert.Equal($"Use at most {MemberRules.EmailMaxLength} characters.", MemberRules.ValidateEmail(new string('a', 10_000) + "@example.com"));

    [Fact]
    public void NewMemberCode_uses_only_the_unambiguous_alphabet()
    {
        var code = MemberRules.NewMemberCode();

        Assert.Equal(MemberRules.CodeLength, code.Length);
        Assert.All(code, c => Assert.Contains(c, MemberRules.CodeAlphabet));
    }
}
