using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

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
public sealed class JobStatusService(IDbContextFactory<LoyaltyDbContext> dbFactory, ActiveCallers callers)
{
    /// <summary>Every job the app runs, in the order a manager reads them, with what it does and when.</summary>
    public static readonly IReadOnlyList<(string Name, string Title, string Schedule)> Known =
    [
        (ScheduledJobs.StandingsNightly, "Standings and achievements", "Nightly at 03:00, and when progress rules change"),
        (ScheduledJobs.AtRiskSnapshot, "Members at risk", "Nightly at 04:00, and when a manager asks"),
        (ScheduledJobs.InsightsRollups, "Insight rollups", "Every few minutes"),
        (ScheduledJobs.BookingReminders, "Booking and trial reminders", "Every 15 minutes"),
    ];

    public async Task<IReadOnlyList<JobStatusRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, "Only managers see background jobs.", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.JobRuns.AsNoTracking().ToDictionaryAsync(r => r.Name, ct);
        return Known.Select(job => runs.TryGetValue(job.Name, out var run)
                ? new JobStatusRow(job.Name, job.Title, job.Schedule, StateOf(run), run.StartedAt, run.FinishedAt - run.StartedAt, run.Error, run.Instance)
                : new JobStatusRow(job.Name, job.Title, job.Schedule, JobState.NotRunYet, null, null, null, null))
            .ToList();
    }

    private static JobState StateOf(JobRun run) => run.Succeeded switch
    {
        null => JobState.Running,
        true => JobState.Succeeded,
        false => JobState.Failed,
    };
}
