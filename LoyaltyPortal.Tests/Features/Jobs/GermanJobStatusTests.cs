using System.Globalization;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;

namespace LoyaltyPortal.Tests.Features.Jobs;

/// <summary>The background jobs as a German-speaking manager reads them.</summary>
public sealed class GermanJobStatusTests
{
    [Fact]
    public async Task German_jobs_list_names_each_job_and_its_schedule_in_German()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        await using var db = await TestDb.CreateAsync();
        var manager = await db.AddUserAsync(Roles.Manager);

        var rows = await db.Get<JobStatusService>().ListAsync(manager, TestContext.Current.CancellationToken);

        var standings = rows.Single(r => r.Name == ScheduledJobs.StandingsNightly);
        Assert.Equal(("Punktestände und Erfolge", "Jede Nacht um 03:00 Uhr sowie bei Änderungen der Fortschrittsregeln"), (standings.Title, standings.Schedule));
    }
}
