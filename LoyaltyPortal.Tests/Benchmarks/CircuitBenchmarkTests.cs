using LoyaltyPortal.Tests.Resilience;

namespace LoyaltyPortal.Tests.Benchmarks;

/// <summary>
/// The circuit benchmark drives the app the way blazor.web.js does (the login form, the prerendered page's circuit
/// markers, render batches, a click on the app bar), so a change to any of those can break it without a compile
/// error: once it signed in through the wrong form for days unnoticed. A few circuits for two seconds keep it honest.
/// </summary>
public sealed class CircuitBenchmarkTests
{
    [Theory]
    [InlineData("/me")]
    [InlineData("/counter")]
    public async Task The_circuit_benchmark_opens_circuits_clicks_and_reports_without_errors(string page)
    {
        await using var app = new PortalAppFactory();
        var baseUrl = app.StartKestrel();

        // The app runs in this process, so the benchmark weighs (and collects) this process's heap.
        var (exitCode, output) = await AppProcess.RunBenchmarkAsync(
            ["circuits", $"--Base={baseUrl}/", $"--Page={page}", "--Circuits=3", "--Duration=2", $"--Pid={Environment.ProcessId}"],
            TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"| `{page}` | 3 |", output);
        Assert.DoesNotContain("First error", output);
    }
}
