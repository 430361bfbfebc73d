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

    public static AppProcess Start(string dataFolder, IDictionary<string, string> settings)
    {
        // The test build also builds the app; its output sits beside ours under the same configuration.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var appDll = Path.GetFullPath(Path.Combine(testBin.FullName, "..", "..", "..", "..", "LoyaltyPortal", "bin", configuration, testBin.Name, "LoyaltyPortal.dll"));
        var start = new ProcessStartInfo("dotnet", [appDll])
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__DataFolder"] = dataFolder;
        start.Environment["Logging__LogLevel__Default"] = "Information";
        // Production refuses to start without a public address, and with mail left in a folder unless told to.
        start.Environment["Portal__PublicBaseUrl"] = "http://127.0.0.1/";
        start.Environment["Email__AllowFolderDelivery"] = "true";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return new AppProcess(Process.Start(start)!);
    }

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
