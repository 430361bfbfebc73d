using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using LoyaltyPortal.Features.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests;

/// <summary>
/// The real app over a fresh SQLite database in a temporary data folder, seeded with a small demo.
/// In-memory (TestServer) by default; <see cref="StartKestrel"/> serves it on a free loopback port for browsers.
/// </summary>
public sealed class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "loyalty-app-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every email the app sends, when the factory was made with <c>recordEmails</c>; otherwise null (emails go to the data folder).</summary>
    public RecordingEmailSender? Emails { get; }

    private readonly Action<IServiceCollection>? testServices;

    /// <param name="testServices">Replaces app services for this factory, e.g. a pseudo-language localizer.</param>
    public PortalAppFactory(IDictionary<string, string?>? overrides = null, bool recordEmails = false, Action<IServiceCollection>? testServices = null)
    {
        this.testServices = testServices;
        if (recordEmails) Emails = new RecordingEmailSender();
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataFolder"] = DataFolder,
            ["Database:SeedDemoData"] = "true",
            ["Database:DemoMembers"] = "150",
            ["RateLimiting:AuthPermitLimit"] = "1000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, as `dotnet run` uses: static web assets from packages are served from their NuGet folders.
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (Emails is not null) builder.ConfigureTestServices(services => services.AddSingleton<IEmailSender>(Emails));
        if (testServices is not null) builder.ConfigureTestServices(testServices);
    }

    /// <summary>Starts Kestrel on 127.0.0.1 and a free port, and returns the base address.</summary>
    public string StartKestrel()
    {
        // The port is chosen before start, so the links in emails (Portal:PublicBaseUrl) can name it.
        var port = FreeLoopbackPort();
        settings["Portal:PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public IDbContextFactory<LoyaltyDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<LoyaltyDbContext>>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { /* a file still held open is removed with the temp folder later */ }
    }
}
