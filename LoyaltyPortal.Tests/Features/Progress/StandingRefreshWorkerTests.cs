using LoyaltyPortal.Features.Jobs;
using System.Diagnostics;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static LoyaltyPortal.Tests.Features.Progress.AchievementTestData;

namespace LoyaltyPortal.Tests.Features.Progress;

/// <summary>The nightly and on-request refresh of every standing and achievement.</summary>
public sealed class StandingRefreshWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-11-20T02:30:00Z", "2026-11-20T03:00:00Z")] // winter, before 3 am: tonight
    [InlineData("2026-11-20T10:00:00Z", "2026-11-21T03:00:00Z")] // winter, after 3 am: tomorrow
    [InlineData("2026-11-20T03:00:00Z", "2026-11-21T03:00:00Z")] // at 3 am exactly: tomorrow
    [InlineData("2026-07-01T01:30:00Z", "2026-07-01T02:00:00Z")] // summer: 3 am BST is 2 am UTC
    [InlineData("2026-07-01T02:30:00Z", "2026-07-02T02:00:00Z")] // summer, 3:30 am BST: tomorrow
    [InlineData("2026-03-28T10:00:00Z", "2026-03-29T02:00:00Z")] // Saturday in GMT, clocks go forward overnight
    [InlineData("2026-03-29T00:30:00Z", "2026-03-29T02:00:00Z")] // the night the clocks go forward
    [InlineData("2026-10-24T10:00:00Z", "2026-10-25T03:00:00Z")] // Saturday in BST, clocks go back overnight
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25T03:00:00Z")] // the night the clocks go back, 1:30 am BST
    public void The_next_nightly_run_is_the_next_3am_in_london_as_utc(string now, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now));
        var schedules = new JobSchedules(Options.Create(new JobScheduleOptions()), Options.Create(new ProgrammeOptions { TimeZone = "Europe/London" }), clock);

        var next = schedules.Standings.NextAfter(clock.GetUtcNow().UtcDateTime);

        Assert.Equal((DateTimeOffset.Parse(expected).UtcDateTime, DateTimeKind.Utc), (next!.Value, next.Value.Kind));
    }

    [Theory, AllProviders]
    public async Task A_request_makes_the_worker_recompute_standings_and_award_from_history(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        var achievement = await db.AddAchievementAsync(ActivityType.EventAttended, target: 1);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.InsertHistoryAsync(Event(member.Id, now.AddDays(-1), points: 40));
        await using var worker = await RunningWorker.StartAsync(ActivatorUtilities.CreateInstance<StandingRefreshWorker>(db.Services));

        db.Get<StandingRefresh>().Request();

        await WaitForAsync(db, c => c.MemberAchievements.AnyAsync(e => e.MemberId == member.Id && e.AchievementId == achievement.Id));
        var standing = await db.QueryAsync(c => c.MemberStandings.SingleAsync(s => s.MemberId == member.Id, Ct));
        Assert.Equal((40, now), (standing.PointsInWindow, standing.UpdatedAt));
    }

    [Theory, AllProviders]
    public async Task Without_a_request_the_worker_refreshes_at_3am(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (member, _) = await db.AddMemberAsync();
        await db.InsertHistoryAsync(Event(member.Id, db.Clock.GetUtcNow().UtcDateTime, points: 40));
        var clock = new TimerWatchingClock(new DateTimeOffset(2026, 11, 21, 2, 59, 0, TimeSpan.Zero));
        var worker = new StandingRefreshWorker(new StandingRefresh(), new StandingMaintenance(db.Factory, clock, new LoyaltyPortal.Features.Integration.Webhooks.WebhookPublisher(clock)), new AchievementKeeper(db.Factory),
            new ScheduledJobs(db.Factory, Options.Create(new DatabaseOptions()), clock, NullLogger<ScheduledJobs>.Instance),
            new JobSchedules(Options.Create(new JobScheduleOptions()), Options.Create(new ProgrammeOptions()), clock), clock, NullLogger<StandingRefreshWorker>.Instance);
        await using var running = await RunningWorker.StartAsync(worker);
        await clock.TimerCreated.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(await db.QueryAsync(c => c.MemberStandings.AnyAsync(Ct)));

        clock.Advance(TimeSpan.FromMinutes(1));

        await WaitForAsync(db, c => c.MemberStandings.AnyAsync(s => s.MemberId == member.Id));
        var standing = await db.QueryAsync(c => c.MemberStandings.SingleAsync(s => s.MemberId == member.Id, Ct));
        Assert.Equal((40, new DateTime(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc)), (standing.PointsInWindow, standing.UpdatedAt));
    }

    [Theory, AllProviders]
    public async Task A_recompute_leaves_alone_a_standing_written_after_it_began(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (later, _) = await db.AddMemberAsync("Alex Morgan");
        var (earlier, _) = await db.AddMemberAsync("Jo Smith");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.QueryAsync(async c =>
        {
            var tierId = await c.Tiers.OrderBy(t => t.Threshold).Select(t => t.Id).FirstAsync(Ct);
            c.MemberStandings.AddRange(
                new MemberStanding { MemberId = later.Id, TierId = tierId, PointsInWindow = 123, UpdatedAt = now.AddSeconds(1) },
                new MemberStanding { MemberId = earlier.Id, TierId = tierId, PointsInWindow = 123, UpdatedAt = now.AddSeconds(-1) });
            return await c.SaveChangesAsync(Ct);
        });

        await db.Get<StandingMaintenance>().RecomputeAllAsync(Ct);

        var standings = await db.QueryAsync(c => c.MemberStandings.ToDictionaryAsync(s => s.MemberId, s => (s.PointsInWindow, s.UpdatedAt), Ct));
        Assert.Equal((123, now.AddSeconds(1)), standings[later.Id]);
        Assert.Equal((0, now), standings[earlier.Id]);
    }

    /// <summary>Polls the database until the condition holds, failing after ten seconds.</summary>
    private static async Task WaitForAsync(TestDb db, Func<LoyaltyDbContext, Task<bool>> condition)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await db.QueryAsync(condition))
        {
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), "The worker did not run within ten seconds.");
            await Task.Delay(20, Ct);
        }
    }

    /// <summary>A started worker, stopped (and its run awaited) before the test database goes away.</summary>
    private sealed class RunningWorker(StandingRefreshWorker worker) : IAsyncDisposable
    {
        public static async Task<RunningWorker> StartAsync(StandingRefreshWorker worker)
        {
            await worker.StartAsync(Ct);
            return new RunningWorker(worker);
        }

        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }

    /// <summary>Tells when the worker has started waiting for the night, so the test moves time only after that.</summary>
    private sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly TaskCompletionSource timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => timerCreated.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            timerCreated.TrySetResult();
            return timer;
        }
    }
}
