using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using LoyaltyPortal.Components.Shared;

namespace LoyaltyPortal.Features.Members;

/// <summary>The one place that says what a valid name, phone, email and member code look like.</summary>
public static class MemberRules
{
    public const int NameMaxLength = 60;
    public const int EmailMaxLength = 254;
    public const int WhatMattersMaxLength = 500;
    public const int MaxInterests = 10;
    public const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int CodeLength = 8;

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
    public static string? ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return "Enter the name you like to be called.";
        if (trimmed.Length > NameMaxLength) return $"Use at most {NameMaxLength} characters.";
        if (TextRules.DirectionProblem(trimmed) is { } direction) return direction;
        if (trimmed.Any(char.IsControl) || HasLoneSurrogate(trimmed)) return "The name contains characters that cannot be shown.";
        if (!trimmed.Any(char.IsLetter)) return "The name needs at least one letter.";
        return null;
    }

    public static string? ValidateEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0) return "Enter an email address.";
        if (trimmed.Length > EmailMaxLength) return $"Use at most {EmailMaxLength} characters.";
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace))
        {
            return "Enter an email address like name@example.com.";
        }
        return null;
    }

    /// <summary>
    /// Normalises a phone number to E.164 (+ and 8 to 15 digits). A national number starting with 0
    /// takes the programme's default country code. Returns null when the input is not a phone number.
    /// </summary>
    public static string? NormalizePhone(string? phone, string defaultCountryCode)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 40) return null;
        var trimmed = WithoutTrunkZero(phone);
        var digits = new StringBuilder();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (c == '+' && i == 0) continue;
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/')) return null;
        }

        var number = International(trimmed, digits.ToString(), defaultCountryCode);
        return number?.Length is >= 8 and <= 15 && number[0] != '0' ? "+" + number : null;
    }

    /// <summary>
    /// The stored (E.164) start of a number someone began typing, for a prefix search: "07700" is "+447700" in a UK
    /// programme, and "+44 77" or "0044 77" is "+4477". Null when the digits cannot start a phone number.
    /// </summary>
    public static string? PhoneStart(string typed, string defaultCountryCode)
    {
        var trimmed = WithoutTrunkZero(typed);
        var number = International(trimmed, string.Concat(trimmed.Where(char.IsAsciiDigit)), defaultCountryCode);
        return number?.Length is > 0 and <= 15 && number[0] != '0' ? "+" + number : null;
    }

    // "+44 (0)7700 900123": the bracketed 0 is only dialled from inside the country.
    private static string WithoutTrunkZero(string phone)
    {
        var trimmed = phone.Trim();
        return trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal)
            ? trimmed.Replace("(0)", "", StringComparison.Ordinal)
            : trimmed;
    }

    /// <summary>The number's digits after the "+": as typed after a "+", after "00", or the country's code for a leading 0.</summary>
    private static string? International(string trimmed, string digits, string defaultCountryCode) =>
        trimmed.StartsWith('+') ? digits
        : digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..]
        : digits.StartsWith('0') ? defaultCountryCode + digits[1..]
        : null;

    public static string? ValidatePhone(string? phone, string defaultCountryCode) =>
        string.IsNullOrWhiteSpace(phone) || NormalizePhone(phone, defaultCountryCode) is not null
            ? null
            : "Enter a phone number like +44 7700 900123 or 07700 900123.";

    public static string NewMemberCode() =>
        string.Create(CodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        });

    public static string NewMemberCode(Random random) =>
        string.Create(CodeLength, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[r.Next(CodeAlphabet.Length)];
        });
}
