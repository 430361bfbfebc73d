using System.Collections.Concurrent;
using LoyaltyPortal.Data;
using LoyaltyPortal.Hosting.Telemetry;
using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Jobs;

public enum JobOutcome
{
    Ran,
    Failed,

    /// <summary>Another instance holds the job's lock and is running it now.</summary>
    RunningElsewhere,

    /// <summary>This schedule slot has already run, on this or another instance.</summary>
    AlreadyRan,
}

/// <summary>
/// Runs each background job once across all instances. On PostgreSQL a session advisory lock per job (DistributedLock)
/// lets one instance in; the lock dies with its connection, so when that instance dies another takes the next slot.
/// Under the lock the job's <see cref="JobRun"/> row says whether this slot already ran, so an instance that wakes
/// just after another finished does not run it again. On SQLite (one instance) an in-process lock does the same.
/// </summary>
/// <remarks>Every run records its duration by job and outcome (<see cref="PortalMetrics"/>) when the host has metrics.</remarks>
public sealed class ScheduledJobs(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<DatabaseOptions> database, TimeProvider clock, ILogger<ScheduledJobs> logger,
    IConfiguration? configuration = null, PortalMetrics? metrics = null)
{
    public const string StandingsNightly = "standings";
    public const string AtRiskSnapshot = "at-risk";
    public const string InsightsRollups = "insight-rollups";
    public const string BookingReminders = "booking-reminders";
    public const string AuditRetention = "audit-retention";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> localLocks = new();

    /// <summary>The slot of a job that runs every <paramref name="interval"/>: the same on every instance.</summary>
    public DateTime SlotOf(TimeSpan interval) => new(clock.GetUtcNow().UtcTicks / interval.Ticks * interval.Ticks, DateTimeKind.Utc);

    /// <summary>Runs <paramref name="work"/> for the slot <paramref name="occurrence"/> unless another instance is running the job or the slot already ran. Never throws but for cancellation.</summary>
    public Task<JobOutcome> RunAsync(string name, DateTime occurrence, Func<CancellationToken, Task> work, CancellationToken ct) =>
        RunAsync(name, occurrence, requested: false, work, ct);

    /// <summary>Runs <paramref name="work"/> now, because someone asked (a manager, start-up), unless another instance is running the job.</summary>
    public Task<JobOutcome> RunRequestedAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct) =>
        RunAsync(name, clock.GetUtcNow().UtcDateTime, requested: true, work, ct);

    private async Task<JobOutcome> RunAsync(string name, DateTime occurrence, bool requested, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var outcome = await RunOnceAsync(name, occurrence, requested, work, started, ct);
        metrics?.JobFinished(name, outcome, clock.GetElapsedTime(started));
        return outcome;
    }

    private async Task<JobOutcome> RunOnceAsync(
        string name, DateTime occurrence, bool requested, Func<CancellationToken, Task> work, long started, CancellationToken ct)
    {
        try
        {
            // Each instance says what it did with a slot, so an operator can follow a run across instances' logs.
            await using var held = await TryLockAsync(name, ct);
            if (held is null)
            {
                logger.LogDebug("Job {Job} for {Occurrence:u}: another instance is running it", name, occurrence);
                return JobOutcome.RunningElsewhere;
            }
            if (!await ClaimAsync(name, occurrence, requested, ct))
            {
                logger.LogDebug("Job {Job} for {Occurrence:u}: already ran", name, occurrence);
                return JobOutcome.AlreadyRan;
            }
            string? error = null;
            try
            {
                await work(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(ex, "Job {Job} failed after {Elapsed}; the next run will try again", name, clock.GetElapsedTime(started));
                error = ex.Message.Length > JobRun.ErrorMaxLength ? ex.Message[..JobRun.ErrorMaxLength] : ex.Message;
            }
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var finishedAt = clock.GetUtcNow().UtcDateTime;
            await db.JobRuns.Where(r => r.Name == name).ExecuteUpdateAsync(r => r.SetProperty(x => x.FinishedAt, finishedAt)
                .SetProperty(x => x.Succeeded, error == null).SetProperty(x => x.Error, error), CancellationToken.None);
            if (error is not null) return JobOutcome.Failed;
            logger.LogInformation("Job {Job} for {Occurrence:u} ran on this instance ({Instance}) in {Elapsed}",
                name, occurrence, PortalInstance.Id, clock.GetElapsedTime(started));
            return JobOutcome.Ran;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The database is away: neither lock nor record is possible. The next slot tries again.
            logger.LogError(ex, "Job {Job} could not start or record its run; the next run will try again", name);
            return JobOutcome.Failed;
        }
    }

    public async Task<IReadOnlyList<JobRun>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.JobRuns.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
    }

    private async Task<IAsyncDisposable?> TryLockAsync(string name, CancellationToken ct)
    {
        if (database.Value.Provider == DatabaseProvider.Postgres)
        {
            var key = new PostgresAdvisoryLockKey("loyalty-job:" + name, allowHashing: true);
            var connectionString = configuration?.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");
            return await new PostgresDistributedLock(key, connectionString).TryAcquireAsync(TimeSpan.Zero, ct);
        }
        var gate = localLocks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(TimeSpan.Zero, ct) ? new Release(gate) : null;
    }

    /// <summary>
    /// Marks this slot as started; false when it (or a later one) already ran. A conditional update, or an insert the
    /// primary key settles, so it holds even without the lock (two SQLite hosts on one file, a lock lost mid-run).
    /// </summary>
    private async Task<bool> ClaimAsync(string name, DateTime occurrence, bool requested, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.JobRuns.Where(r => r.Name == name && (r.Occurrence < occurrence || (requested && r.Occurrence <= occurrence))).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Occurrence, occurrence).SetProperty(x => x.StartedAt, now).SetProperty(x => x.FinishedAt, (DateTime?)null)
            .SetProperty(x => x.Succeeded, (bool?)null).SetProperty(x => x.Error, (string?)null).SetProperty(x => x.Instance, PortalInstance.Id), ct);
        if (claimed == 1) return true;
        if (await db.JobRuns.AnyAsync(r => r.Name == name, ct)) return false;
        db.JobRuns.Add(new JobRun { Name = name, Occurrence = occurrence, StartedAt = now, Instance = PortalInstance.Id });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
