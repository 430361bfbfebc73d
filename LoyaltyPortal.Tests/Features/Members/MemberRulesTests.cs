using LoyaltyPortal.Features.Members;

namespace LoyaltyPortal.Tests.Features.Members;

public sealed class MemberRulesTests
{
    private const string Uk = "GB";

    [Theory]
    [InlineData("07400 123456")]
    [InlineData("07400123456")]
    [InlineData("+44 7400 123456")]
    [InlineData("+44-7400-123-456")]
    [InlineData("+44 (7400) 123456")]
    [InlineData("+44 (0)7400 123456")]
    [InlineData("0044 7400 123456")]
    [InlineData("07400/123456")]
    [InlineData("  07400.123.456  ")]
    [InlineData("\t07400 123456\n")]
    [InlineData("٠٧٤٠٠ ١٢٣٤٥٦")]
    [InlineData("０７４００ １２３４５６")]
    public void NormalizePhone_gives_E164_for_every_common_UK_form(string input) =>
        Assert.Equal("+447400123456", MemberRules.NormalizePhone(input, Uk));

    [Fact]
    public void NormalizePhone_gives_landline_in_parentheses_the_default_country_code() =>
        Assert.Equal("+442079460958", MemberRules.NormalizePhone("(020) 7946 0958", Uk));

    [Theory]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("0033 6 12 34 56 78", "+33612345678")]
    [InlineData("+1 650-253-0000", "+16502530000")]
    [InlineData("+61 412 345 678", "+61412345678")]
    [InlineData("+44 7624 123456", "+447624123456")]
    public void NormalizePhone_keeps_a_foreign_international_number(string input, string expected) =>
        Assert.Equal(expected, MemberRules.NormalizePhone(input, Uk));

    [Theory]
    [InlineData("FR", "06 12 34 56 78", "+33612345678")]
    [InlineData("US", "(650) 253-0000", "+16502530000")]
    [InlineData("FR", "+44 7400 123456", "+447400123456")]
    public void NormalizePhone_reads_national_numbers_as_the_configured_regions(string region, string input, string expected) =>
        Assert.Equal(expected, MemberRules.NormalizePhone(input, region));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+")]
    [InlineData("not a phone")]
    [InlineData("0740O 123456")]
    [InlineData("0800 FLOWERS")]
    [InlineData("07400 123456 ext")]
    [InlineData("07400 123456 x12")]
    [InlineData("07400 123456;ext=5")]
    [InlineData("tel:+447400123456")]
    [InlineData("07400 123456 📞")]
    [InlineData("📞📞📞")]
    [InlineData("++44 7400 123456")]
    [InlineData("+44 7400 123456+")]
    [InlineData("+0 7400 123456")]
    [InlineData("07400 123456'; DROP TABLE \"Members\"; --")]
    [InlineData("' OR 1=1 --")]
    [InlineData("\u202e07400 123456")]
    [InlineData("07400\u0000123456")]
    public void NormalizePhone_rejects_what_is_not_a_phone_number(string input) =>
        Assert.Null(MemberRules.NormalizePhone(input, Uk));

    [Theory]
    [InlineData("07700 900123")] // Ofcom's drama range: never rings anyone.
    [InlineData("0123")]
    [InlineData("07400 12345")]
    [InlineData("07400 1234567")]
    [InlineData("+1234567")]
    [InlineData("+123456789012345")]
    [InlineData("+1234567890123456")]
    [InlineData("+33 6 12 34 56")]
    public void NormalizePhone_refuses_numbers_libphonenumber_finds_invalid(string input) =>
        Assert.Null(MemberRules.NormalizePhone(input, Uk));

    [Theory]
    [InlineData(40)]
    [InlineData(10_000)]
    public void NormalizePhone_refuses_runs_of_digits_longer_than_any_number(int digits) =>
        Assert.Null(MemberRules.NormalizePhone("0" + new string('7', digits - 1), Uk));

    [Fact]
    public void NormalizePhone_refuses_a_valid_number_padded_past_forty_characters()
    {
        var forty = "07400 123456".Replace(" ", new string(' ', 29), StringComparison.Ordinal);
        var fortyOne = "07400 123456".Replace(" ", new string(' ', 30), StringComparison.Ordinal);

        Assert.Equal((40, 41), (forty.Length, fortyOne.Length));
        Assert.Equal("+447400123456", MemberRules.NormalizePhone(forty, Uk));
        Assert.Null(MemberRules.NormalizePhone(fortyOne, Uk));
    }

    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("+44 (0)7700 900-123", "+447700900123")]
    [InlineData("7700 900123", "+447700900123")]
    public void PhoneSearchForm_finds_numbers_stored_before_validation_was_strict(string input, string expected) =>
        Assert.Equal(expected, MemberRules.PhoneSearchForm(input, Uk));

    [Theory]
    [InlineData("not a phone")]
    [InlineData("0800 FLOWERS")]
    [InlineData("+1234567890123456")]
    public void PhoneSearchForm_is_null_for_what_is_not_shaped_like_a_number(string input) =>
        Assert.Null(MemberRules.PhoneSearchForm(input, Uk));

    [Theory]
    [InlineData("call me maybe")]
    [InlineData("07700 900123")]
    [InlineData("+44")]
    public void ValidatePhone_names_the_regions_example_mobile(string input) =>
        Assert.Equal("Enter a phone number like +44 7400 123456 or 07400 123456.", MemberRules.ValidatePhone(input, Uk));

    [Fact]
    public void ValidatePhone_example_follows_the_configured_region() =>
        Assert.Equal("Enter a phone number like +33 6 12 34 56 78 or 06 12 34 56 78.", MemberRules.ValidatePhone("nope", "FR"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("07400 123456")]
    public void ValidatePhone_accepts_no_number_or_a_valid_one(string? input) =>
        Assert.Null(MemberRules.ValidatePhone(input, Uk));

    [Theory]
    [InlineData("+447400123456", "GB", "07400 123456")]
    [InlineData("+442079460958", "GB", "020 7946 0958")]
    [InlineData("+447624123456", "GB", "07624 123456")]
    [InlineData("+447700900123", "GB", "07700 900123")]
    [InlineData("+33612345678", "GB", "+33 6 12 34 56 78")]
    [InlineData("+16502530000", "GB", "+1 650-253-0000")]
    [InlineData("+447400123456", "FR", "+44 7400 123456")]
    [InlineData("+33612345678", "FR", "06 12 34 56 78")]
    public void FormatPhone_is_national_at_home_and_international_abroad(string stored, string region, string expected) =>
        Assert.Equal(expected, MemberRules.FormatPhone(stored, region));

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("not a number", "not a number")]
    [InlineData("<script>", "<script>")]
    public void FormatPhone_leaves_what_is_not_a_number_as_it_is(string? stored, string? expected) =>
        Assert.Equal(expected, MemberRules.FormatPhone(stored, Uk));

    [Theory]
    [InlineData("07700", "+447700")]
    [InlineData("07700 900", "+447700900")]
    [InlineData("+44 77", "+4477")]
    [InlineData("+4477", "+4477")]
    [InlineData("0044 77", "+4477")]
    [InlineData("+44 (0)7700", "+447700")]
    [InlineData("0033 77", "+3377")]
    [InlineData("77009", "+4477009")]
    public void PhoneStart_is_the_stored_start_of_a_national_or_international_number(string typed, string expected) =>
        Assert.Equal(expected, MemberRules.PhoneStart(typed, Uk));

    [Theory]
    [InlineData("FR", "06 12", "+33612")]
    [InlineData("US", "650 253", "+1650253")]
    [InlineData("US", "1 650", "+1650")]
    [InlineData("US", "011 44 77", "+4477")]
    public void PhoneStart_uses_the_configured_regions_prefixes(string region, string typed, string expected) =>
        Assert.Equal(expected, MemberRules.PhoneStart(typed, region));

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("abc")]
    [InlineData("+0044 77")]
    [InlineData("+1234567890123456")]
    public void PhoneStart_is_null_when_the_digits_cannot_start_a_number(string typed) =>
        Assert.Null(MemberRules.PhoneStart(typed, Uk));

    [Theory]
    [InlineData("GB", true)]
    [InlineData("FR", true)]
    [InlineData("gb", false)]
    [InlineData("44", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSupportedRegion_knows_upper_case_ISO_regions_only(string? region, bool expected) =>
        Assert.Equal(expected, MemberRules.IsSupportedRegion(region));

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
