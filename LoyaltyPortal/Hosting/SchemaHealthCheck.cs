using LoyaltyPortal.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoyaltyPortal.Hosting;

/// <summary>Ready only once the schema is fully migrated and the reference data loaded (the migrate step's work).</summary>
internal sealed class SchemaHealthCheck(DatabaseInitializer initializer) : IHealthCheck
{
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await initializer.SchemaProblemAsync(cancellationToken) is { } problem
            ? HealthCheckResult.Unhealthy(problem)
            : HealthCheckResult.Healthy("Migrated; reference data loaded.");
}
