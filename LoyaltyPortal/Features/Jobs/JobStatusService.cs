using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Jobs;

public enum JobState
{
    NotRunYet,
    Running,
    Succeeded,
    Failed,
}

/// <summary>One background job as a manager sees it: what it does, when it last ran, how long it took and how it went.</summary>
public sealed record JobStatusRow(
    string Name, string Title, string Schedule, JobState State, DateTime? StartedAt, TimeSpan? Took, string? Error, string? Instance);

/// <summary>The background jobs' last runs, whichever instance ran them, for managers.</summary>
public sealed class JobStatusService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ActiveCallers callers, JobSchedules schedules, IStringLocalizer<JobsText> text)
{
    /// <summary>Every job the app runs, in the order a manager reads them, with what it does (English; the page reads it in JobsText).</summary>
    public static readonly IReadOnlyList<(string Name, string Title)> Known =
    [
        (ScheduledJobs.StandingsNightly, "Standings and achievements"),
        (ScheduledJobs.AtRiskSnapshot, "Members at risk"),
        (ScheduledJobs.InsightsRollups, "Insight rollups"),
        (ScheduledJobs.BookingReminders, "Booking and trial reminders"),
        (ScheduledJobs.AuditRetention, "Deleting old audit entries"),
    ];

    public async Task<IReadOnlyList<JobStatusRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, "Only managers see background jobs.", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.JobRuns.AsNoTracking().ToDictionaryAsync(r => r.Name, ct);
        return Known.Select(job => runs.TryGetValue(job.Name, out var run)
                ? new JobStatusRow(job.Name, text[job.Title], ScheduleOf(job.Name), StateOf(run), run.StartedAt, run.FinishedAt - run.StartedAt,
                    run.Error, run.Instance)
                : new JobStatusRow(job.Name, text[job.Title], ScheduleOf(job.Name), JobState.NotRunYet, null, null, null, null))
            .ToList();
    }

    private string ScheduleOf(string job) => job switch
    {
        ScheduledJobs.StandingsNightly => text.ScheduleOrRulesChange(schedules.Standings),
        ScheduledJobs.AtRiskSnapshot => text.ScheduleOrManagerAsks(schedules.AtRisk),
        ScheduledJobs.InsightsRollups => text["Every few minutes"],
        ScheduledJobs.AuditRetention => text.Schedule(schedules.AuditRetention),
        _ => text["Every 15 minutes"],
    };

    private static JobState StateOf(JobRun run) => run.Succeeded switch
    {
        null => JobState.Running,
        true => JobState.Succeeded,
        false => JobState.Failed,
    };
}
