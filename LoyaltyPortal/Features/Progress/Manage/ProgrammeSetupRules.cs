using System.Text.RegularExpressions;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;

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

    public static Dictionary<string, string> Validate(EngagementRuleEditor e)
    {
        var errors = new Dictionary<string, string>();
        if (!ActivityTypes.Earning.Contains(e.Type)) errors[nameof(e.Type)] = "Choose an activity.";
        if (e.Points is < 0 or > MaxPoints) errors[nameof(e.Points)] = $"Points must be between 0 and {MaxPoints:N0}.";
        if (e.CapCount is { } cap)
        {
            if (cap is < 1 or > MaxCapCount) errors[nameof(e.CapCount)] = $"The cap must be between 1 and {MaxCapCount:N0}, or choose no cap.";
            // The ledger ignores a count without a period, so a cap needs both.
            if (e.CapPeriod is not (CapPeriod.Day or CapPeriod.Week or CapPeriod.Month)) errors[nameof(e.CapPeriod)] = "Choose per day, week or month.";
        }
        InputBounds.AddErrors(errors, e);
        return errors;
    }

    public static Dictionary<string, string> Validate(TierEditor e)
    {
        var errors = new Dictionary<string, string>();
        var name = e.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(e.Name)] = "Enter a name.";
        else if (name.Length > TierNameMaxLength) errors[nameof(e.Name)] = $"Keep the name to {TierNameMaxLength} characters.";
        if (!IsColour(e.Colour)) errors[nameof(e.Colour)] = "Enter a colour as #RGB or #RRGGBB, for example #B08D57.";
        if (e.Threshold < 0) errors[nameof(e.Threshold)] = "The threshold can't be negative.";
        if (e.Unlocks?.Trim().Length > UnlocksMaxLength) errors[nameof(e.Unlocks)] = $"Keep this to {UnlocksMaxLength} characters.";
        TextRules.AddDirectionErrors(errors, (nameof(e.Name), e.Name), (nameof(e.Unlocks), e.Unlocks));
        InputBounds.AddErrors(errors, e);
        return errors;
    }

    public static Dictionary<string, string> Validate(AchievementEditor e)
    {
        var errors = new Dictionary<string, string>();
        var name = e.Name?.Trim() ?? "";
        if (name.Length == 0) errors[nameof(e.Name)] = "Enter a name.";
        else if (name.Length > AchievementNameMaxLength) errors[nameof(e.Name)] = $"Keep the name to {AchievementNameMaxLength} characters.";
        var description = e.Description?.Trim() ?? "";
        if (description.Length == 0) errors[nameof(e.Description)] = "Tell members what to do to earn it.";
        else if (description.Length > DescriptionMaxLength) errors[nameof(e.Description)] = $"Keep the description to {DescriptionMaxLength} characters.";
        if (e.Badge is null || !AchievementBadges.All.ContainsKey(e.Badge)) errors[nameof(e.Badge)] = "Choose a badge.";
        TextRules.AddDirectionErrors(errors, (nameof(e.Name), e.Name), (nameof(e.Description), e.Description));
        if (!ActivityTypes.Earning.Contains(e.ActivityType)) errors[nameof(e.ActivityType)] = "Choose an activity.";
        else if (e.ActivityType is ActivityType.Joined or ActivityType.ProfileCompleted && e.TargetCount != 1)
        {
            // Each happens once per member, so any other target could never be met.
            errors[nameof(e.TargetCount)] = "This happens once per member, so the target is 1.";
        }
        if (e.TargetCount is < 1 or > MaxTargetCount) errors[nameof(e.TargetCount)] = $"The target must be between 1 and {MaxTargetCount:N0}.";
        if (e.WindowDays is < 1 or > MaxWindowDays) errors[nameof(e.WindowDays)] = $"The window must be between 1 and {MaxWindowDays:N0} days, or any time.";
        InputBounds.AddErrors(errors, e);
        return errors;
    }

    public static Dictionary<string, string> Validate(ProgressSettingsEditor e)
    {
        var errors = new Dictionary<string, string>();
        if (e.WindowMonths is < MinWindowMonths or > MaxWindowMonths) errors[nameof(e.WindowMonths)] = $"The window must be between {MinWindowMonths} and {MaxWindowMonths} months.";
        if (e.GraceDays is < 0 or > MaxGraceDays) errors[nameof(e.GraceDays)] = $"Grace must be between 0 and {MaxGraceDays} days.";
        if (e.LapseWarningDays is < MinLapseWarningDays or > MaxLapseWarningDays)
        {
            errors[nameof(e.LapseWarningDays)] = $"The warning must come {MinLapseWarningDays} to {MaxLapseWarningDays} days ahead.";
        }
        InputBounds.AddErrors(errors, e);
        return errors;
    }

    public static bool IsColour(string? colour) => colour is not null && HexColour().IsMatch(colour.Trim());

    /// <summary>Trimmed and upper-case, so "#b08d57" and "#B08D57" are stored alike.</summary>
    public static string NormaliseColour(string colour) => colour.Trim().ToUpperInvariant();

    [GeneratedRegex("^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
    private static partial Regex HexColour();
}
