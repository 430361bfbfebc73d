using System.Reflection;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LoyaltyPortal.Hosting.Telemetry;

/// <summary>Where the portal sends its traces and metrics.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// An OTLP collector (http://collector:4317). Unset, the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> applies; with
    /// neither, nothing is exported. The protocol is the standard <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (grpc by default).
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The configured endpoint, or null when empty; refuses anything but an absolute http(s) address.</summary>
    public Uri? ParseOtlpEndpoint()
    {
        if (string.IsNullOrWhiteSpace(OtlpEndpoint)) return null;
        if (Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        throw new InvalidOperationException($"{Section}:{nameof(OtlpEndpoint)} must be an http(s) address such as http://collector:4317.");
    }
}

/// <summary>
/// OpenTelemetry for the portal: traces of requests, EF Core and PostgreSQL commands and outgoing HTTP (webhooks);
/// metrics from ASP.NET Core, HttpClient, the runtime, Npgsql and <see cref="PortalMetrics"/>. Both carry the service
/// name and <see cref="PortalInstance.Id"/>, and go out over OTLP only when an endpoint is configured.
/// </summary>
public static class PortalTelemetry
{
    public const string ServiceName = "LoyaltyPortal";
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string NpgsqlEfProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The portal's meter; hosts without telemetry (tests, commands) can still record to it.</summary>
    public static IServiceCollection AddPortalMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<PortalMetrics>();
        return services;
    }

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPortalMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetrics>());
        var endpoint = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.ParseOtlpEndpoint();
        var exportOtlp = endpoint is not null || !string.IsNullOrWhiteSpace(configuration[StandardEndpointVariable]);
        var version = typeof(PortalTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: version, serviceInstanceId: PortalInstance.Id))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                        // A span for every hub message and every click in every open page: at thousands of circuits they
                        // made each event several times dearer (2,000 /me circuits: p95 48 → 413 ms). Requests still are.
                        o.EnableAspNetCoreSignalRSupport = false;
                        o.EnableRazorComponentsSupport = false;
                    })
                    .AddHttpClientInstrumentation()
                    // On PostgreSQL, Npgsql's own spans (server, connection, batch) stand in for EF's, so a command is traced once.
                    .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => provider != NpgsqlEfProvider)
                    .AddNpgsql();
                // Nothing reads a span that nobody exports, so none is made: sampled off, an instrumented call costs no span.
                if (exportOtlp) tracing.AddOtlpExporter(o => UseEndpoint(o, endpoint, "v1/traces"));
                else tracing.SetSampler(new AlwaysOffSampler());
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PortalMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    // Blazor's per-render and per-event histograms, measured in every circuit: dropped for the same reason.
                    // Its circuit counts (Microsoft.AspNetCore.Components.Server.Circuits) stay.
                    .AddView(instrument => IsPerRenderMeter(instrument.Meter.Name) ? MetricStreamConfiguration.Drop : null);
                if (exportOtlp) metrics.AddOtlpExporter(o => UseEndpoint(o, endpoint, "v1/metrics"));
            });
        return services;
    }

    private static bool IsPerRenderMeter(string meter) =>
        meter is "Microsoft.AspNetCore.Components" or "Microsoft.AspNetCore.Components.Lifecycle";

    /// <summary>
    /// Applies <see cref="TelemetryOptions.OtlpEndpoint"/> over the standard variables. Over http/protobuf each signal
    /// has its own path, which the exporter adds to the standard variable's address but not to one set in code.
    /// </summary>
    private static void UseEndpoint(OtlpExporterOptions options, Uri? endpoint, string signalPath)
    {
        if (endpoint is null) return;
        options.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
