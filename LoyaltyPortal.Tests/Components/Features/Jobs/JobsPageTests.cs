using Bunit;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;

namespace LoyaltyPortal.Tests.Components.Features.Jobs;

/// <summary>Managers see every background job's last run, failures with their error, and jobs that never ran.</summary>
public sealed class JobsPageTests : PortalTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Jobs_page_lists_every_job_with_its_last_run_and_a_failure_with_its_error()
    {
        await Db.QueryAsync(async c =>
        {
            var now = Db.Clock.GetUtcNow().UtcDateTime;
            c.JobRuns.Add(new JobRun
            {
                Name = ScheduledJobs.StandingsNightly, Occurrence = now, StartedAt = now.AddSeconds(-95), FinishedAt = now, Succeeded = true, Instance = "web-a:41",
            });
            c.JobRuns.Add(new JobRun
            {
                Name = ScheduledJobs.BookingReminders, Occurrence = now, StartedAt = now, FinishedAt = now, Succeeded = false, Error = "Mail server away", Instance = "web-b:7",
            });
            return await c.SaveChangesAsync(Ct);
        });
        SignIn(await Db.AddUserAsync(Roles.Manager, "Maya Patel"));

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => Assert.Equal(JobStatusService.Known.Count, cut.FindAll("tbody tr").Count));
        var rows = cut.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Standings and achievements") && r.Contains("Succeeded") && r.Contains("1 min 35 s") && r.Contains("web-a:41"));
        Assert.Contains(rows, r => r.Contains("Booking and trial reminders") && r.Contains("Failed") && r.Contains("Mail server away"));
        Assert.Contains(rows, r => r.Contains("Members at risk") && r.Contains("Not run yet"));
        Assert.Contains(rows, r => r.Contains("Deleting old audit entries") && r.Contains("Nightly at 04:30") && r.Contains("Not run yet"));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Member)]
    public async Task Jobs_are_shown_to_managers_only(string role)
    {
        var caller = await Db.AddUserAsync(role, "Not a manager");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Db.Get<JobStatusService>().ListAsync(caller, Ct));
    }
}
