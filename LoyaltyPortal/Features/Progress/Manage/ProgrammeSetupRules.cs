using System.Text.RegularExpressions;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// The setup checks that need no database. Messages are keyed by the editor's property name and say what to do,
/// so the form can show each one beside its field.
/// </summary>
public static partial class ProgrammeSetupRules
{
    public const int MaxPoints = 10_000;
    public const int MaxCapCount = 1_000;
    public const int MaxTiers = 8;
    public const int MaxThreshold = 1_000_000;
    public const int TierNameMaxLength = 40;
    public const int UnlocksMaxLength = 500;
    public const int AchievementNameMaxLength = 60;
    public const int DescriptionMaxLength = 200;
    public const int MaxTargetCount = 1_000;
    public const int MaxWindowDays = 3_650;
    public const int MinWindowMonths = 1, MaxWindowMonths = 36;
    public const int MaxGraceDays = 365;
    public const int MinLapseWarningDays = 1, MaxLapseWarningDays = 180;

    public static Dictionary<string, string> Validate(EngagementRuleEditor e, IStringLocalizer<ProgressManageText> text)
    {
        var errors = new Dictionary<string, string>();
        if (!ActivityTypes.Earning.Contains(e.Type)) errors[nameof(e.Type)] = text["Choose an activity."];
        if (e.Points is < 0 or > MaxPoints) errors[nameof(e.Points)] = text["Points must be between 0 and {0:N0}.", MaxPoints];
        if (e.CapCount is { } cap)
        {
            if (cap is < 1 or > MaxCapCount) errors[nameof(e.CapCount)] = text["The cap must be between 1 and {0:N0}, or choose no cap.", MaxCapCount];
            // The ledger ignores a count without a period, so a cap needs both.
            if (e.CapPeriod is not (CapPeriod.Day or CapPeriod.Week or CapPeriod.Month)) errors[nameof(e.CapPeriod)] = text["Choose per day, week or month."];
        }
        AddBoundErrors(errors, text, e);
        return errors;
    }

    public static Dictionary<string, string> Validate(TierEditor e, IStringLocalizer<ProgressManageText> text)
    {
        var errors = new Dictionary<string, string>();
        var name = e.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(e.Name)] = text["Enter a name."];
        else if (name.Length > TierNameMaxLength) errors[nameof(e.Name)] = text["Keep the name to {0} characters.", TierNameMaxLength];
        if (!IsColour(e.Colour)) errors[nameof(e.Colour)] = text["Enter a colour as #RGB or #RRGGBB, for example #B08D57."];
        if (e.Threshold < 0) errors[nameof(e.Threshold)] = text["The threshold can't be negative."];
        if (e.Unlocks?.Trim().Length > UnlocksMaxLength) errors[nameof(e.Unlocks)] = text["Keep this to {0} characters.", UnlocksMaxLength];
        AddDirectionErrors(errors, text, (nameof(e.Name), e.Name), (nameof(e.Unlocks), e.Unlocks));
        AddBoundErrors(errors, text, e);
        return errors;
    }

    public static Dictionary<string, string> Validate(AchievementEditor e, IStringLocalizer<ProgressManageText> text)
    {
        var errors = new Dictionary<string, string>();
        var name = e.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(e.Name)] = text["Enter a name."];
        else if (name.Length > AchievementNameMaxLength) errors[nameof(e.Name)] = text["Keep the name to {0} characters.", AchievementNameMaxLength];
        var description = e.Description?.Trim() ?? "";
        if (description.Length == 0) errors[nameof(e.Description)] = text["Tell members what to do to earn it."];
        else if (description.Length > DescriptionMaxLength) errors[nameof(e.Description)] = text["Keep the description to {0} characters.", DescriptionMaxLength];
        if (e.Badge is null || !AchievementBadges.All.ContainsKey(e.Badge)) errors[nameof(e.Badge)] = text["Choose a badge."];
        AddDirectionErrors(errors, text, (nameof(e.Name), e.Name), (nameof(e.Description), e.Description));
        if (!ActivityTypes.Earning.Contains(e.ActivityType)) errors[nameof(e.ActivityType)] = text["Choose an activity."];
        else if (e.ActivityType is ActivityType.Joined or ActivityType.ProfileCompleted && e.TargetCount != 1)
        {
            // Each happens once per member, so any other target could never be met.
            errors[nameof(e.TargetCount)] = text["This happens once per member, so the target is 1."];
        }
        if (e.TargetCount is < 1 or > MaxTargetCount) errors[nameof(e.TargetCount)] = text["The target must be between 1 and {0:N0}.", MaxTargetCount];
        if (e.WindowDays is < 1 or > MaxWindowDays) errors[nameof(e.WindowDays)] = text["The window must be between 1 and {0:N0} days, or any time.", MaxWindowDays];
        AddBoundErrors(errors, text, e);
        return errors;
    }

    public static Dictionary<string, string> Validate(ProgressSettingsEditor e, IStringLocalizer<ProgressManageText> text)
    {
        var errors = new Dictionary<string, string>();
        if (e.WindowMonths is < MinWindowMonths or > MaxWindowMonths) errors[nameof(e.WindowMonths)] = text["The window must be between {0} and {1} months.", MinWindowMonths, MaxWindowMonths];
        if (e.GraceDays is < 0 or > MaxGraceDays) errors[nameof(e.GraceDays)] = text["Grace must be between 0 and {0} days.", MaxGraceDays];
        if (e.LapseWarningDays is < MinLapseWarningDays or > MaxLapseWarningDays)
        {
            errors[nameof(e.LapseWarningDays)] = text["The warning must come {0} to {1} days ahead.", MinLapseWarningDays, MaxLapseWarningDays];
        }
        AddBoundErrors(errors, text, e);
        return errors;
    }

    /// <summary>The shared direction check, with its message in the reader's language.</summary>
    private static void AddDirectionErrors(Dictionary<string, string> errors, IStringLocalizer<ProgressManageText> text, params (string Field, string? Text)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (TextRules.HasDirectionControls(value)) errors.TryAdd(field, text[TextRules.DirectionMessage]);
        }
    }

    /// <summary>The editor's [Range] bounds; their messages are keys in this resource.</summary>
    private static void AddBoundErrors(Dictionary<string, string> errors, IStringLocalizer<ProgressManageText> text, object editor)
    {
        var bounds = new Dictionary<string, string>();
        InputBounds.AddErrors(bounds, editor);
        foreach (var (field, message) in bounds) errors.TryAdd(field, text[message]);
    }

    public static bool IsColour(string? colour) => colour is not null && HexColour().IsMatch(colour.Trim());

    /// <summary>Trimmed and upper-case, so "#b08d57" and "#B08D57" are stored alike.</summary>
    public static string NormaliseColour(string colour) => colour.Trim().ToUpperInvariant();

    [GeneratedRegex("^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
    private static partial Regex HexColour();
}
