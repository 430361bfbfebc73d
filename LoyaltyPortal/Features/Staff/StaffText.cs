using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Staff;

/// <summary>The texts of the staff accounts page and its messages (StaffText.resx and its languages).</summary>
public sealed class StaffText;

/// <summary>How staff accounts and their problems read, in the reader's language.</summary>
public static class StaffWords
{
    public static string Role(this IStringLocalizer<StaffText> text, string role) => role switch
    {
        Roles.Manager => text["Manager"],
        Roles.Staff => text["Staff"],
        _ => role,
    };

    /// <summary>What is wrong with a colleague's name, by <see cref="MemberRules.ValidateName"/>'s rules, said of "their" name.</summary>
    public static string? NameProblem(this IStringLocalizer<StaffText> text, string? name)
    {
        if (MemberRules.ValidateName(name) is null) return null;
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return text["Enter their name."];
        if (trimmed.Length > MemberRules.NameMaxLength) return text["Use at most {0} characters.", MemberRules.NameMaxLength];
        if (TextRules.HasDirectionControls(trimmed)) return text["Remove the hidden text-direction characters; they change the order words are shown in."];
        if (trimmed.Any(char.IsControl) || !MemberRules.IsPrintableText(trimmed)) return text["The name contains characters that cannot be shown."];
        return text["The name needs at least one letter."];
    }

    /// <summary>What is wrong with a work email, by <see cref="MemberRules.ValidateEmail"/>'s rules.</summary>
    public static string? EmailProblem(this IStringLocalizer<StaffText> text, string? email)
    {
        if (MemberRules.ValidateEmail(email) is null) return null;
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0) return text["Enter an email address."];
        if (trimmed.Length > MemberRules.EmailMaxLength) return text["Use at most {0} characters.", MemberRules.EmailMaxLength];
        return text["Enter an email address like name@example.com."];
    }
}
