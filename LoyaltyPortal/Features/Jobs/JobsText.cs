using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Jobs;

/// <summary>The texts of the background jobs page (JobsText.resx and its languages).</summary>
public sealed class JobsText;

/// <summary>How jobs, their schedules and their runs read, in the reader's language.</summary>
public static class JobWords
{
    /// <summary>The schedule, and that progress rule changes run the job too.</summary>
    public static string ScheduleOrRulesChange(this IStringLocalizer<JobsText> text, JobSchedule schedule) => schedule.DailyAt is { } at
        ? text["Nightly at {0}, and when progress rules change", Time(at)]
        : text["On the schedule \"{0}\" ({1}), and when progress rules change", schedule.Expression, schedule.ZoneId];

    /// <summary>The schedule, and that a manager can ask for a run.</summary>
    public static string ScheduleOrManagerAsks(this IStringLocalizer<JobsText> text, JobSchedule schedule) => schedule.DailyAt is { } at
        ? text["Nightly at {0}, and when a manager asks", Time(at)]
        : text["On the schedule \"{0}\" ({1}), and when a manager asks", schedule.Expression, schedule.ZoneId];

    /// <summary>The schedule alone, for a job nobody runs by hand.</summary>
    public static string Schedule(this IStringLocalizer<JobsText> text, JobSchedule schedule) => schedule.DailyAt is { } at
        ? text["Nightly at {0}", Time(at)]
        : text["On the schedule \"{0}\" ({1})", schedule.Expression, schedule.ZoneId];

    public static string Took(this IStringLocalizer<JobsText> text, TimeSpan? took) => took switch
    {
        null => "–",
        { TotalSeconds: < 1 } => text["under a second"],
        { TotalMinutes: < 1 } t => text["{0} s", t.TotalSeconds.ToString("0", CultureInfo.CurrentCulture)],
        { } t => text["{0} min {1} s", (int)t.TotalMinutes, t.Seconds],
    };

    public static string State(this IStringLocalizer<JobsText> text, JobState state) => state switch
    {
        JobState.Running => text["Running"],
        JobState.Succeeded => text["Succeeded"],
        JobState.Failed => text["Failed"],
        _ => text["Not run yet"],
    };

    private static string Time(TimeOnly at) => at.ToString("HH:mm", CultureInfo.CurrentCulture);
}
