using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoyaltyPortal.Features.Jobs;

/// <summary>
/// Degraded (still 200, still routed to) when a job's last run failed: the instance serves pages fine, but an
/// operator should look. The JSON names the jobs and their errors.
/// </summary>
internal sealed class JobsHealthCheck(ScheduledJobs jobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = (await jobs.ListAsync(cancellationToken)).Where(r => r.Succeeded == false).ToList();
        return failed.Count == 0
            ? HealthCheckResult.Healthy("No job's last run failed.")
            : HealthCheckResult.Degraded("Last run failed: " + string.Join("; ", failed.Select(r => $"{r.Name} at {r.StartedAt:u} ({r.Error})")));
    }
}
