using LoyaltyPortal.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoyaltyPortal.Features.Signals;

public static class SignalSetup
{
    public const string HealthCheckName = "signal";

    /// <summary>On PostgreSQL (several instances possible) signals also cross instances; on SQLite they stay in process.</summary>
    public static WebApplicationBuilder AddCrossInstanceSignal(this WebApplicationBuilder builder, string readyTag)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider != DatabaseProvider.Postgres) return builder;
        builder.Services.AddSingleton<PostgresSignalTransport>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresSignalTransport>());
        builder.Services.AddHealthChecks().AddCheck<SignalHealthCheck>(HealthCheckName, tags: [readyTag]);
        return builder;
    }
}

/// <summary>Not ready while the listener is away: this instance's pages would miss changes made on the others.</summary>
internal sealed class SignalHealthCheck(PostgresSignalTransport transport) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(transport.IsListening
            ? HealthCheckResult.Healthy("Listening for other instances' changes.")
            : HealthCheckResult.Unhealthy("Not listening for other instances' changes (reconnecting to PostgreSQL)."));
}
