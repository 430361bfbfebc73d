using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoyaltyPortal.Tests.Features.Jobs;

/// <summary>The nightly jobs' schedules as an operator writes them in <c>Jobs:Standings</c> and <c>Jobs:AtRisk</c>.</summary>
public sealed class JobSchedulesTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 20, 10, 0, 7, TimeSpan.Zero));

    private static JobSchedules Schedules(string standings, string atRisk = "0 4 * * *") =>
        new(Options.Create(new JobScheduleOptions { Standings = standings, AtRisk = atRisk }), Options.Create(new ProgrammeOptions()), Clock);

    [Fact]
    public void The_defaults_are_nightly_at_3_and_4_in_the_programmes_time_zone()
    {
        var schedules = new JobSchedules(Options.Create(new JobScheduleOptions()), Options.Create(new ProgrammeOptions()), Clock);

        Assert.Equal(("Nightly at 03:00", "Nightly at 04:00"), (schedules.Standings.Describe(), schedules.AtRisk.Describe()));
        Assert.Equal(new DateTime(2026, 11, 21, 4, 0, 0, DateTimeKind.Utc), schedules.AtRisk.NextAfter(Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public void A_schedule_with_seconds_runs_on_the_same_instants_on_every_instance()
    {
        var schedule = Schedules("*/10 * * * * *").Standings;

        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 10, DateTimeKind.Utc), schedule.NextAfter(Clock.GetUtcNow().UtcDateTime));
        Assert.Equal("On the schedule \"*/10 * * * * *\" (Europe/London)", schedule.Describe());
    }

    [Theory]
    [InlineData("every night", "is not a cron expression")]
    [InlineData("0 3 * *", "is not a cron expression")]
    [InlineData("*/5 * * * * *", "runs more often than every 10 seconds")]
    [InlineData("0,5 * * * * *", "runs more often than every 10 seconds")]
    public void A_schedule_that_cannot_be_read_or_runs_too_often_stops_the_app_with_the_reason(string standings, string reason)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Schedules(standings));

        Assert.Contains("Jobs:Standings", refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_ends_at_the_next_run_with_its_slot_or_at_a_request_without_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 7, TimeSpan.Zero));
        var schedule = new JobSchedules(Options.Create(new JobScheduleOptions { Standings = "*/10 * * * * *" }),
            Options.Create(new ProgrammeOptions()), clock).Standings;
        var never = new TaskCompletionSource();

        var waiting = schedule.WaitAsync(never.Task, clock, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(3));

        var slot = await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 10, DateTimeKind.Utc), slot);
        Assert.Null(await schedule.WaitAsync(Task.CompletedTask, clock, TestContext.Current.CancellationToken));
    }
}
