using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LoyaltyPortal.Tests.Features.Jobs;

/// <summary>Background jobs run once per slot across instances, and another instance takes over when one dies.</summary>
public sealed class ScheduledJobsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One app instance's job runner: on PostgreSQL each has its own advisory-lock connection, as separate processes would.</summary>
    private static ScheduledJobs Instance(TestDb db)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = db.Provider == DatabaseProvider.Postgres ? db.ConnectionString : null,
        }).Build();
        return new ScheduledJobs(db.Factory, Options.Create(new DatabaseOptions { Provider = db.Provider }), db.Clock,
            NullLogger<ScheduledJobs>.Instance, configuration);
    }

    [Theory, AllProviders]
    public async Task MultiInstance_a_nightly_job_triggered_on_two_instances_at_once_runs_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (a, b) = (Instance(db), Instance(db));
        var night = new DateTime(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc);
        var runs = 0;
        var release = new TaskCompletionSource();
        async Task Work(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await release.Task.WaitAsync(ct);
        }

        var first = a.RunAsync("nightly", night, Work, Ct);
        var second = b.RunAsync("nightly", night, Work, Ct);
        await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        release.SetResult();
        var outcomes = new[] { await first, await second };
        // An instance that wakes after the other finished finds the slot done.
        var late = await b.RunAsync("nightly", night, Work, Ct);

        Assert.Equal(1, runs);
        Assert.Contains(JobOutcome.Ran, outcomes);
        Assert.Contains(outcomes, o => o is JobOutcome.RunningElsewhere or JobOutcome.AlreadyRan);
        Assert.Equal(JobOutcome.AlreadyRan, late);
        var run = await db.QueryAsync(c => c.JobRuns.SingleAsync(r => r.Name == "nightly", Ct));
        Assert.Equal((night, true), (run.Occurrence, run.Succeeded));
        Assert.NotNull(run.FinishedAt);
    }

    [Theory, AllProviders]
    public async Task A_failing_job_is_recorded_with_its_error_and_the_next_slot_runs_again(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var jobs = Instance(db);
        var slot = jobs.SlotOf(TimeSpan.FromMinutes(15));

        var failed = await jobs.RunAsync("reminders", slot, _ => throw new InvalidOperationException("Mail server away"), Ct);
        var failedRun = await db.QueryAsync(c => c.JobRuns.SingleAsync(r => r.Name == "reminders", Ct));
        var healthWhileFailed = await new JobsHealthCheck(jobs).CheckHealthAsync(new(), Ct);
        var next = await jobs.RunAsync("reminders", slot.AddMinutes(15), _ => Task.CompletedTask, Ct);

        Assert.Equal(JobOutcome.Failed, failed);
        Assert.Equal((false, "Mail server away"), (failedRun.Succeeded, failedRun.Error));
        Assert.Equal(HealthStatus.Degraded, healthWhileFailed.Status);
        Assert.Contains("reminders", healthWhileFailed.Description, StringComparison.Ordinal);
        Assert.Equal(JobOutcome.Ran, next);
        Assert.Equal(HealthStatus.Healthy, (await new JobsHealthCheck(jobs).CheckHealthAsync(new(), Ct)).Status);
        Assert.True((await db.QueryAsync(c => c.JobRuns.SingleAsync(r => r.Name == "reminders", Ct))).Succeeded);
    }

    [Fact]
    public async Task MultiInstance_when_the_instance_holding_a_jobs_lock_dies_another_runs_the_next_slot()
    {
        Assert.SkipWhen(TestDb.PostgresConnectionString is null, $"{TestDb.PostgresVariable} is not set.");
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Postgres);
        var (dying, survivor) = (Instance(db), Instance(db));
        var night = new DateTime(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc);
        var started = new TaskCompletionSource();
        using var hang = new CancellationTokenSource();
        var stuck = dying.RunAsync("nightly", night, async ct =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, hang.Token);
        }, Ct);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(JobOutcome.RunningElsewhere, await survivor.RunAsync("nightly", night.AddDays(1), _ => Task.CompletedTask, Ct));

        // The process dies: PostgreSQL drops its session, and with it the advisory lock.
        await using (var admin = new NpgsqlConnection(db.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        // pg_terminate_backend only signals the session; the survivor's next try after it has gone runs the job.
        var outcome = JobOutcome.RunningElsewhere;
        for (var tries = 0; outcome == JobOutcome.RunningElsewhere && tries < 100; tries++)
        {
            await Task.Delay(100, Ct);
            outcome = await survivor.RunAsync("nightly", night.AddDays(1), _ => Task.CompletedTask, Ct);
        }
        Assert.Equal(JobOutcome.Ran, outcome);
        await hang.CancelAsync();
        Assert.Equal(JobOutcome.Failed, await stuck);
    }
}
