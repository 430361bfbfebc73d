using System.Collections.Concurrent;
using System.Net;
using System.Text;
using LoyaltyPortal.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LoyaltyPortal.Tests.Hosting.Telemetry;

/// <summary>With <c>Telemetry:OtlpEndpoint</c> set, traces and metrics reach a real OTLP receiver on loopback.</summary>
[Collection(TelemetryOwnHostsCollection.Name)]
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Telemetry_with_an_otlp_endpoint_sends_traces_and_metrics_named_for_the_service_and_instance()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        IReadOnlyList<ServiceDescriptor> registrations = [];
        await using var portal = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Database:SeedDemoData"] = "false",
            ["Telemetry:OtlpEndpoint"] = receiver.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var app = portal.WithWebHostBuilder(b => b.ConfigureTestServices(services => registrations = services.ToList()));
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/Account/Login", Ct);
        response.EnsureSuccessStatusCode();
        // The request's span ends once the server has finished with it, which can be just after the client has the answer.
        var tracing = app.Services.GetRequiredService<TracerProvider>();
        var traces = await FlushUntilAsync(tracing, () => receiver.Received("/v1/traces"), "/Account/Login");
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        Assert.Contains(registrations, TelemetryTests.IsOtlpExporterService);
        Assert.Contains(ServiceName, traces);
        Assert.Contains(PortalInstance.Id, traces);
        Assert.Contains("/Account/Login", traces);
        Assert.Contains(ServiceName, receiver.Received("/v1/metrics"));
    }

    private const string ServiceName = "LoyaltyPortal";

    private static async Task<string> FlushUntilAsync(TracerProvider tracing, Func<string> received, string expected)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            Assert.True(tracing.ForceFlush(10_000));
            var text = received();
            if (text.Contains(expected, StringComparison.Ordinal) || DateTime.UtcNow > until) return text;
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Accepts OTLP over http/protobuf and keeps each body; protobuf carries strings as UTF-8, so they can be searched.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> bodies = new();

        private OtlpReceiver(WebApplication app) => this.app = app;

        public string Address => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var receiver = new OtlpReceiver(builder.Build());
            receiver.app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver.bodies.Enqueue((request.Path, body.ToArray()));
                return Results.Bytes([], "application/x-protobuf");
            });
            await receiver.app.StartAsync(Ct);
            return receiver;
        }

        /// <summary>Everything received at <paramref name="path"/>, as text; fails when nothing was.</summary>
        public string Received(string path)
        {
            var received = bodies.Where(b => b.Path == path).ToList();
            Assert.True(received.Count > 0, $"Nothing was sent to {path}.");
            return string.Join("\n", received.Select(b => Encoding.UTF8.GetString(b.Body)));
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
