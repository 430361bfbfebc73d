using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Insights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoyaltyPortal.Tests.Features.Insights;

/// <summary>The background runs behind members at risk: at start-up, and on a manager's request, folded together.</summary>
public sealed class AtRiskSnapshotWorkerTests
{
    private static readonly InsightsFilter Filter = new(new(2026, 8, 24), new(2026, 11, 19));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AtRiskSnapshotWorker Worker(TestDb db) => new(db.Get<AtRiskRecalculation>(), db.Get<AtRiskSnapshotBuilder>(),
        db.Get<LoyaltyPortal.Features.Jobs.ScheduledJobs>(), db.Get<LoyaltyPortal.Features.Jobs.JobSchedules>(), db.Get<ProgrammeCalendar>(), db.Clock,
        NullLogger<AtRiskSnapshotWorker>.Instance);

    private static Task NextRunFinishedAsync(TestDb db)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        db.Get<AtRiskRecalculation>().Finished += () => finished.TrySetResult();
        return finished.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }

    private static Task<int> SnapshotCountAsync(TestDb db) => db.QueryAsync(c => c.AtRiskSnapshots.CountAsync(Ct));

    [Theory, AllProviders]
    public async Task A_freshly_seeded_demo_shows_members_at_risk_after_the_start_up_run(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        await using (var context = db.NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            await new DemoSeeder(db.Clock).SeedAsync(context, 200, Ct);
            await transaction.CommitAsync(Ct);
        }
        var manager = await db.AddUserAsync(Roles.Manager);
        var finished = NextRunFinishedAsync(db);
        var worker = Worker(db);

        await worker.StartAsync(Ct);
        await finished;
        await worker.StopAsync(Ct);

        var report = await db.Get<AtRiskService>().GetAsync(manager, Filter, ct: Ct);
        Assert.True(report.IsWorkedOut);
        Assert.NotEmpty(report.Members);
    }

    [Theory, AllProviders]
    public async Task Start_up_works_one_out_only_when_there_is_none_or_it_is_over_a_day_old(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var worker = Worker(db);
        Assert.True(await worker.NeedsRunAtStartAsync(Ct));

        await db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Ct);
        Assert.False(await worker.NeedsRunAtStartAsync(Ct));

        db.Clock.Advance(TimeSpan.FromHours(25));
        Assert.True(await worker.NeedsRunAtStartAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Requests_made_while_a_run_is_queued_or_running_fold_into_it(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.Get<AtRiskSnapshotBuilder>().ComputeAsync(Ct);
        var worker = Worker(db);
        var service = db.Get<AtRiskService>();
        var recalculation = db.Get<AtRiskRecalculation>();
        var runs = 0;
        recalculation.Finished += () => Interlocked.Increment(ref runs);
        var finished = NextRunFinishedAsync(db);

        // Asked before the worker starts, so the run is still queued when the second request arrives.
        var first = await service.RequestRecalculationAsync(manager, Ct);
        var second = await service.RequestRecalculationAsync(manager, Ct);
        var busy = recalculation.IsBusy;
        await worker.StartAsync(Ct);
        await finished;

        Assert.Equal((true, false, true), (first, second, busy));
        Assert.False(recalculation.IsBusy);
        Assert.Equal(2, await SnapshotCountAsync(db));
        // Asking again once the run is over starts another.
        var next = NextRunFinishedAsync(db);
        Assert.True(await service.RequestRecalculationAsync(manager, Ct));
        await next;
        await worker.StopAsync(Ct);
        Assert.Equal(2, runs);
    }

    [Fact]
    public void A_failing_listener_does_not_stop_the_others_hearing_that_a_run_finished()
    {
        var recalculation = new AtRiskRecalculation();
        var heard = false;
        recalculation.Finished += () => throw new InvalidOperationException("The page's circuit is gone.");
        recalculation.Finished += () => heard = true;
        recalculation.Started();

        recalculation.Done();

        Assert.True(heard);
        Assert.False(recalculation.IsBusy);
    }
}
