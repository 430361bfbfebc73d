using System.Diagnostics;
using Activity = System.Diagnostics.Activity;
using System.Runtime.CompilerServices;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Jobs;
using LoyaltyPortal.Hosting.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Trace;
using Till = LoyaltyPortal.Tests.TillClient;

namespace LoyaltyPortal.Tests.Hosting.Telemetry;

/// <summary>What the app traces and counts, and that it exports nowhere unless told.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryApp app)
{
    private const string EfCoreSource = "OpenTelemetry.Instrumentation.EntityFrameworkCore";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Telemetry_a_till_visit_traces_the_request_with_its_ef_commands_as_children_and_counts_the_visit()
    {
        var key = await app.NewTillKeyAsync();
        var visitsBefore = app.Sum("loyalty.visits.recorded");
        using var http = app.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);

        var result = await new Till.TillApiClient(http).RecordVisitAsync("DEMO2026", Guid.NewGuid().ToString(), Ct);

        Assert.StartsWith("Visit recorded for", result.Message);
        var request = await app.SpanAsync(s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/v1/members/{code}/visits");
        var commands = app.Spans.Snapshot().Where(s => s.Source.Name == EfCoreSource && s.ParentSpanId == request.SpanId).ToList();
        Assert.Contains(commands, c => QueryText(c).Contains("INSERT INTO \"Activities\"", StringComparison.Ordinal));
        Assert.All(commands, c => Assert.Equal(request.TraceId, c.TraceId));
        Assert.Equal(visitsBefore + 1, app.Sum("loyalty.visits.recorded"));
    }

    [Fact]
    public void Telemetry_traces_no_hub_message_and_no_click_in_an_open_page()
    {
        // At thousands of circuits a span per message and per event made every click several times dearer.
        var options = app.Services.GetRequiredService<IOptionsMonitor<AspNetCoreTraceInstrumentationOptions>>().Get(Options.DefaultName);

        Assert.False(options.EnableAspNetCoreSignalRSupport);
        Assert.False(options.EnableRazorComponentsSupport);
    }

    [Fact]
    public void Telemetry_without_an_otlp_endpoint_registers_no_otlp_exporter()
    {
        Assert.DoesNotContain(app.Registrations, IsOtlpExporterService);
    }

    [Fact]
    public async Task Telemetry_a_job_run_records_its_duration_by_job_and_outcome()
    {
        var jobs = app.Services.GetRequiredService<ScheduledJobs>();

        Assert.Equal(JobOutcome.Ran, await jobs.RunRequestedAsync("telemetry-ok", _ => Task.Delay(50, Ct), Ct));
        var broken = await jobs.RunRequestedAsync("telemetry-broken", _ => throw new InvalidOperationException("Broken on purpose."), Ct);
        Assert.Equal(JobOutcome.Failed, broken);

        Assert.Equal(1, app.Count("loyalty.job.duration", ("loyalty.job.name", "telemetry-ok"), ("loyalty.job.outcome", "ran")));
        Assert.Equal(1, app.Count("loyalty.job.duration", ("loyalty.job.name", "telemetry-broken"), ("loyalty.job.outcome", "failed")));
        Assert.Equal(0, app.Count("loyalty.job.duration", ("loyalty.job.name", "telemetry-ok"), ("loyalty.job.outcome", "failed")));
    }

    [Fact]
    public async Task Telemetry_traces_and_the_jobs_table_name_the_same_instance()
    {
        await app.Services.GetRequiredService<ScheduledJobs>().RunRequestedAsync("telemetry-instance", _ => Task.CompletedTask, Ct);

        var resource = app.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>().CreateDbContextAsync(Ct);
        var ranOn = await db.JobRuns.Where(r => r.Name == "telemetry-instance").Select(r => r.Instance).SingleAsync(Ct);
        Assert.Equal("LoyaltyPortal", resource["service.name"]);
        Assert.Equal(PortalInstance.Id, resource["service.instance.id"]);
        Assert.Equal(PortalInstance.Id, ranOn);
    }

    [Fact]
    public async Task Telemetry_circuits_open_goes_up_when_a_circuit_opens_and_down_when_it_closes()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var handler = Assert.Single(scope.ServiceProvider.GetServices<CircuitHandler>().OfType<CircuitMetrics>());
        // Circuit has no public constructor; the handler only counts, it never reads the circuit.
        var circuit = (Circuit)RuntimeHelpers.GetUninitializedObject(typeof(Circuit));
        var before = app.Sum("loyalty.circuits.open");

        await handler.OnCircuitOpenedAsync(circuit, Ct);
        var whileOpen = app.Sum("loyalty.circuits.open");
        await handler.OnCircuitClosedAsync(circuit, Ct);

        Assert.Equal(before + 1, whileOpen);
        Assert.Equal(before, app.Sum("loyalty.circuits.open"));
    }

    internal static bool IsOtlpExporterService(ServiceDescriptor service) =>
        service.ServiceType.Assembly == typeof(OtlpExporterOptions).Assembly
        || service.ServiceType.GenericTypeArguments.Any(t => t.Assembly == typeof(OtlpExporterOptions).Assembly);

    private static string QueryText(Activity span) => (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement")) as string ?? "";
}
