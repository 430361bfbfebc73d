using System.ComponentModel.DataAnnotations;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Progress;

/// <summary>One activity type's rule. <see cref="UpdatedAt"/> is null when no rule is stored yet (the type earns nothing).</summary>
public sealed record EngagementRuleRow(ActivityType Type, int Points, int? CapCount, CapPeriod CapPeriod, bool CapPerStore, DateTime? UpdatedAt)
{
    public EngagementRuleEditor ToEditor() => new()
    {
        Type = Type, Points = Points, CapCount = CapCount, CapPeriod = CapCount is null ? CapPeriod.Day : CapPeriod, CapPerStore = CapPerStore,
        LoadedUpdatedAt = UpdatedAt,
    };
}

/// <summary>A rule being edited. <see cref="LoadedUpdatedAt"/> is what the manager saw, so a save can tell it is stale.</summary>
public sealed class EngagementRuleEditor
{
    public ActivityType Type { get; set; }

    [Range(0, ProgrammeSetupRules.MaxPoints, ErrorMessage = "Points must be between 0 and 10,000.")]
    public int Points { get; set; }

    /// <summary>Null means no cap; <see cref="CapPeriod"/> and <see cref="CapPerStore"/> then mean nothing.</summary>
    [Range(1, ProgrammeSetupRules.MaxCapCount, ErrorMessage = "The cap must be between 1 and 1,000, or choose no cap.")]
    public int? CapCount { get; set; }

    public CapPeriod CapPeriod { get; set; } = CapPeriod.Day;
    public bool CapPerStore { get; set; }
    public DateTime? LoadedUpdatedAt { get; set; }
}

/// <summary>A tier as the manager sees it. <see cref="Members"/> counts everyone holding it now.</summary>
public sealed record TierRow(int Id, string Name, string Colour, int Threshold, string? Unlocks, int Members, bool IsEntry)
{
    public TierEditor ToEditor() => new() { Id = Id, Name = Name, Colour = Colour, Threshold = Threshold, Unlocks = Unlocks, IsEntry = IsEntry };
}

public sealed class TierEditor
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Colour { get; set; } = "#8A9BA8";

    [Range(0, ProgrammeSetupRules.MaxThreshold, ErrorMessage = "The threshold must be between 0 and 1,000,000 points.")]
    public int Threshold { get; set; }
    public string? Unlocks { get; set; }

    /// <summary>For the form only (the threshold is fixed at 0); the service decides from the database.</summary>
    public bool IsEntry { get; set; }
}

public sealed record AchievementRow(
    int Id, string Name, string Description, string Badge, ActivityType ActivityType, int TargetCount, int? WindowDays, bool IsRetired, int Earned)
{
    public AchievementEditor ToEditor() => new()
    {
        Id = Id, Name = Name, Description = Description, Badge = Badge, ActivityType = ActivityType, TargetCount = TargetCount, WindowDays = WindowDays,
    };
}

public sealed class AchievementEditor
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Badge { get; set; } = AchievementBadges.Default;
    public ActivityType ActivityType { get; set; } = ActivityType.Visit;

    [Range(1, ProgrammeSetupRules.MaxTargetCount, ErrorMessage = "The target must be between 1 and 1,000.")]
    public int TargetCount { get; set; } = 1;

    /// <summary>Null means the activities may happen any time.</summary>
    [Range(1, ProgrammeSetupRules.MaxWindowDays, ErrorMessage = "The window must be between 1 and 3,650 days, or any time.")]
    public int? WindowDays { get; set; }
}

public sealed class ProgressSettingsEditor
{
    [Range(ProgrammeSetupRules.MinWindowMonths, ProgrammeSetupRules.MaxWindowMonths, ErrorMessage = "The window must be between 1 and 36 months.")]
    public int WindowMonths { get; set; }

    [Range(0, ProgrammeSetupRules.MaxGraceDays, ErrorMessage = "Grace must be between 0 and 365 days.")]
    public int GraceDays { get; set; }

    [Range(ProgrammeSetupRules.MinLapseWarningDays, ProgrammeSetupRules.MaxLapseWarningDays, ErrorMessage = "The warning must come 1 to 180 days ahead.")]
    public int LapseWarningDays { get; set; }
}

/// <summary>
/// The outcome of a setup change, in the manager's words. <see cref="FieldErrors"/> is keyed by the editor's property
/// name. <see cref="Conflict"/> means someone else changed the same thing first: reload and look again.
/// </summary>
/// <param name="Conflict">Someone else changed the setting since it was read: reload before trying again.</param>
public sealed record SetupResult(bool Succeeded, IReadOnlyDictionary<string, string> FieldErrors, string Message, bool Conflict = false)
    : OperationResult(Succeeded, Message, FieldErrors)
{
    public static SetupResult Ok(string message) => new(true, NoFieldErrors, message);

    public static new SetupResult Invalid(IReadOnlyDictionary<string, string> errors, string message = "Please correct the highlighted fields.") =>
        new(false, errors, message);

    public static SetupResult Field(string field, string message, string summary) => Invalid(new Dictionary<string, string> { [field] = message }, summary);

    public static new SetupResult Refused(string message) => new(false, NoFieldErrors, message);

    public static SetupResult Stale(string message) => new(false, NoFieldErrors, message, Conflict: true);
}
