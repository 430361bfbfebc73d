using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using LoyaltyPortal.Components.Shared;
using PhoneNumbers;

namespace LoyaltyPortal.Features.Members;

/// <summary>
/// The one place that says what a valid name, phone, email and member code look like. Its messages come from
/// MembersText in the current UI culture, so every form that uses these rules answers in the reader's language.
/// </summary>
public static class MemberRules
{
    public const int NameMaxLength = 60;
    public const int EmailMaxLength = 254;
    /// <summary>An id from another system (a till, a CRM): long enough for a GUID or a prefixed number.</summary>
    public const int ExternalIdMaxLength = 64;
    public const int WhatMattersMaxLength = 500;
    public const int MaxInterests = 10;
    public const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int CodeLength = 8;
    /// <summary>Longest phone number as typed; the stored E.164 form is at most <see cref="MaxPhoneDigits"/> digits after the "+".</summary>
    public const int PhoneInputMaxLength = 40;
    public const int MaxPhoneDigits = 15;

    private static readonly PhoneNumberUtil PhoneNumbers = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Lower case without accents, so "Müller" is found by "mull". At most <see cref="NameMaxLength"/> characters,
    /// like the column it is stored in, although "ß" and "æ" become two letters.
    /// </summary>
    public static string ToSearchForm(string text)
    {
        var decomposed = WithoutLoneSurrogates(text.Trim()).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c switch { 'ß' => "ss", 'ø' or 'Ø' => "o", 'æ' or 'Æ' => "ae", 'ł' or 'Ł' => "l", _ => char.ToLowerInvariant(c).ToString() });
            }
        }
        return Truncate(builder.ToString().Normalize(NormalizationForm.FormC), NameMaxLength);
    }

    /// <summary>Free text may run over several lines, but holds no other control characters (PostgreSQL refuses NUL) and no half emoji.</summary>
    public static bool IsPrintableText(string text) =>
        !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) && !HasLoneSurrogate(text);

    /// <summary>The first <paramref name="maxLength"/> characters at most, never splitting an emoji's surrogate pair.</summary>
    public static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)];

    /// <summary>Removes half surrogate pairs: they are not text, cannot be normalised and PostgreSQL refuses them.</summary>
    public static string WithoutLoneSurrogates(string text)
    {
        if (!HasLoneSurrogate(text)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsLoneSurrogate(text, i)) builder.Append(text[i]);
        }
        return builder.ToString();
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsLoneSurrogate(text, i)) return true;
        }
        return false;
    }

    private static bool IsLoneSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])
        : char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));

    /// <summary>Null when the name is acceptable, otherwise the message to show beside the field.</summary>
    /// <param name="missing">
    /// What to say when there is no name; by default the member's own "Enter the name you like to be called.".
    /// Staff forms pass <see cref="NameMissing"/>(<see cref="WhoseName.Someone"/>), the import <see cref="WhoseName.ImportRow"/>.
    /// </param>
    public static string? ValidateName(string? name, string? missing = null)
    {
        var text = MemberWords.Static;
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return missing ?? NameMissing(WhoseName.Self);
        if (trimmed.Length > NameMaxLength) return text["Use at most {0} characters.", NameMaxLength];
        if (TextRules.DirectionProblem(trimmed) is { } direction) return direction;
        if (trimmed.Any(char.IsControl) || HasLoneSurrogate(trimmed)) return text["The name contains characters that cannot be shown."];
        if (!trimmed.Any(char.IsLetter)) return text["The name needs at least one letter."];
        return null;
    }

    /// <summary>Whose name a form asks for, which decides how a missing name is pointed out.</summary>
    public enum WhoseName
    {
        /// <summary>The member's own: "Enter the name you like to be called."</summary>
        Self,

        /// <summary>Somebody else's, typed by staff or a manager: "Enter their name."</summary>
        Someone,

        /// <summary>A row of an import file: "The name is empty."</summary>
        ImportRow,
    }

    /// <summary>The message for a missing name, in the reader's language.</summary>
    public static string NameMissing(WhoseName whose) => whose switch
    {
        WhoseName.Someone => MemberWords.Static["Enter their name."],
        WhoseName.ImportRow => MemberWords.Static["The name is empty."],
        _ => MemberWords.Static["Enter the name you like to be called."],
    };

    public static string? ValidateEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0) return MemberWords.Static["Enter an email address."];
        if (trimmed.Length > EmailMaxLength) return MemberWords.Static["Use at most {0} characters.", EmailMaxLength];
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace))
        {
            return MemberWords.Static["Enter an email address like {0}.", "name@example.com"];
        }
        return null;
    }

    /// <summary>
    /// The stored form (E.164, such as +447400123456) of a valid phone number, or null. A national number is read as
    /// one of the programme's region; "+", "00" and "+44 (0)" forms as international. libphonenumber decides what is valid.
    /// </summary>
    public static string? NormalizePhone(string? phone, string defaultRegion) =>
        ParsePhone(phone, defaultRegion) is { } number && PhoneNumbers.IsValidNumber(number) ? StoredForm(number) : null;

    /// <summary>
    /// The E.164 form of anything shaped like a phone number, valid or not, to find numbers stored before validation
    /// was strict (and Ofcom's drama numbers in the demo). Null when the text is not a phone number at all.
    /// </summary>
    public static string? PhoneSearchForm(string? phone, string defaultRegion) =>
        ParsePhone(phone, defaultRegion) is { } number ? StoredForm(number) : null;

    public static string? ValidatePhone(string? phone, string defaultRegion) =>
        string.IsNullOrWhiteSpace(phone) || NormalizePhone(phone, defaultRegion) is not null ? null : PhoneMessage(defaultRegion);

    /// <summary>"Enter a phone number like +44 7400 123456 or 07400 123456.", with libphonenumber's example mobile for the region.</summary>
    public static string PhoneMessage(string defaultRegion) =>
        PhoneNumbers.GetExampleNumberForType(defaultRegion, PhoneNumberType.MOBILE) is { } example
            ? MemberWords.Static["Enter a phone number like {0} or {1}.",
                PhoneNumbers.Format(example, PhoneNumberFormat.INTERNATIONAL), PhoneNumbers.Format(example, PhoneNumberFormat.NATIONAL)]
            : MemberWords.Static["Enter a phone number with its country code, like {0}.", "+44 7400 123456"];

    /// <summary>
    /// A stored number as people read it: national ("07400 123456") when it shares the programme region's country code,
    /// international ("+33 6 12 34 56 78") otherwise. Text that is not a number is returned as it is.
    /// </summary>
    public static string? FormatPhone(string? stored, string defaultRegion)
    {
        if (string.IsNullOrEmpty(stored)) return stored;
        try
        {
            var number = PhoneNumbers.Parse(stored, defaultRegion);
            var home = number.CountryCode == PhoneNumbers.GetCountryCodeForRegion(defaultRegion);
            return PhoneNumbers.Format(number, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return stored;
        }
    }

    public static bool IsSupportedRegion(string? region) => region is not null && PhoneNumbers.GetSupportedRegions().Contains(region);

    /// <summary>
    /// The stored (E.164) start of a number someone began typing, for a prefix search: "07700" is "+447700" in a UK
    /// programme, and "+44 77" or "0044 77" is "+4477". Null when there are no digits or they cannot start a number.
    /// libphonenumber parses whole numbers only (it reads "07700" as +4407700), so the start uses its region metadata:
    /// the country code, the national (trunk) prefix and the international dialling prefix.
    /// </summary>
    public static string? PhoneStart(string typed, string defaultRegion)
    {
        var region = PhoneNumbers.GetMetadataForRegion(defaultRegion);
        if (region is null) return null;
        var trimmed = typed.Trim();
        var digits = PhoneNumberUtil.NormalizeDigitsOnly(trimmed);
        if (digits.Length == 0) return null;
        var dialPrefix = region.InternationalPrefix.All(char.IsAsciiDigit) ? region.InternationalPrefix : region.PreferredInternationalPrefix;
        var plus = trimmed.StartsWith('+');
        var dialsOut = !plus && dialPrefix.Length > 0 && dialPrefix.All(char.IsAsciiDigit) && digits.StartsWith(dialPrefix, StringComparison.Ordinal);
        string number;
        if (plus || dialsOut)
        {
            // "+44 (0)7700 900123": the bracketed 0 is only dialled from inside the country.
            number = PhoneNumberUtil.NormalizeDigitsOnly(trimmed.Replace("(0)", "", StringComparison.Ordinal));
            if (dialsOut) number = number[dialPrefix.Length..];
        }
        else
        {
            // National, with or without the trunk prefix ("07700", or "650 253" in the US where the "1" is optional).
            var prefix = region.NationalPrefix;
            number = region.CountryCode + (prefix.Length > 0 && digits.StartsWith(prefix, StringComparison.Ordinal) ? digits[prefix.Length..] : digits);
        }
        return number.Length is > 0 and <= MaxPhoneDigits && number[0] != '0' ? "+" + number : null;
    }

    private static PhoneNumber? ParsePhone(string? phone, string defaultRegion)
    {
        var trimmed = phone?.Trim() ?? "";
        if (trimmed.Length is 0 or > PhoneInputMaxLength) return null;
        // libphonenumber reads letters as keypad digits (0800 FLOWERS), "x12" as an extension and skips stray text; a
        // member's number is digits (any script's, which it reads as ASCII) and the usual separators, a "+" only in front.
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (!(char.IsDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '/' || (c == '+' && i == 0))) return null;
        }
        try
        {
            var number = PhoneNumbers.Parse(trimmed, defaultRegion);
            return number.HasExtension ? null : number;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static string? StoredForm(PhoneNumber number)
    {
        var e164 = PhoneNumbers.Format(number, PhoneNumberFormat.E164);
        return e164.Length <= MaxPhoneDigits + 1 ? e164 : null;
    }

    // One call to the system's generator a code, not one a character: an import of a million members draws them all.
    public static string NewMemberCode() => string.Create(CodeLength, 0, (span, _) => RandomNumberGenerator.GetItems(CodeAlphabet, span));

    public static string NewMemberCode(Random random) =>
        string.Create(CodeLength, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[r.Next(CodeAlphabet.Length)];
        });
}
