using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LoyaltyPortal.Tests.Resilience;

/// <summary>The built app run as its own OS process, so a test can kill it like a crash would.</summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static AppProcess Start(string dataFolder, IDictionary<string, string> settings) =>
        new(Process.Start(AppStartInfo(dataFolder, [], settings))!);

    /// <summary>
    /// Runs one of the app's commands (such as <c>migrate</c>) to its end, as a deployment step would; its exit code and output.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunCommandAsync(
        string command, string dataFolder, IDictionary<string, string> settings, TimeSpan timeout) =>
        RunToEndAsync(AppStartInfo(dataFolder, [command], settings), timeout);

    /// <summary>LoyaltyPortal.Benchmarks, built with the tests, run to its end with <paramref name="args"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunBenchmarkAsync(string[] args, TimeSpan timeout) =>
        RunToEndAsync(DotnetStartInfo(BuiltDll("LoyaltyPortal.Benchmarks"), args), timeout);

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        await using var run = new AppProcess(Process.Start(start)!);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await run.process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"'{string.Join(' ', start.ArgumentList)}' did not finish within {timeout}:\n{run.Output}");
        }
        // The exit event can come before the last lines are read; the parameterless wait drains them.
        await run.process.WaitForExitAsync(CancellationToken.None);
        return (run.process.ExitCode, run.Output);
    }

    /// <summary>The LoyaltyPortal.Gateway reverse proxy, built beside the app, with <paramref name="settings"/> as environment variables.</summary>
    public static AppProcess StartGateway(IDictionary<string, string> settings)
    {
        var start = DotnetStartInfo(BuiltDll("LoyaltyPortal.Gateway"), []);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return new AppProcess(Process.Start(start)!);
    }

    private static ProcessStartInfo AppStartInfo(string dataFolder, string[] args, IDictionary<string, string> settings)
    {
        var start = DotnetStartInfo(BuiltDll("LoyaltyPortal"), args);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__DataFolder"] = dataFolder;
        start.Environment["Logging__LogLevel__Default"] = "Information";
        // Production refuses to start without a public address, and with mail left in a folder unless told to.
        start.Environment["Portal__PublicBaseUrl"] = "http://127.0.0.1/";
        start.Environment["Email__AllowFolderDelivery"] = "true";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return start;
    }

    /// <summary>The test build also builds the app and the gateway; their output sits beside ours under the same configuration.</summary>
    private static string BuiltDll(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var solution = Path.Combine(testBin.FullName, "..", "..", "..", "..");
        return Path.GetFullPath(Path.Combine(solution, project, "bin", configuration, testBin.Name, project + ".dll"));
    }

    private static ProcessStartInfo DotnetStartInfo(string dll, string[] args) => new("dotnet", [dll, .. args])
    {
        WorkingDirectory = Path.GetDirectoryName(dll)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };

    /// <summary>The OS process id: what the app calls this instance in its logs and in the JobRuns table.</summary>
    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output { get { lock (output) return string.Join('\n', output); } }

    public Task<string> ListeningAsync => listening.Task;

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app did not print '{text}' within {timeout}:\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash or kill -9.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (output) output.Add(line);
        if (ListeningRegex().Match(line) is { Success: true } match) listening.TrySetResult(match.Groups[1].Value);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningRegex();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }
}
