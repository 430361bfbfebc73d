using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>The repository-root appsettings.Development.json applies in Development only, below explicit settings.</summary>
public sealed class DevelopmentSettingsTests : IAsyncDisposable
{
    // DetailedErrors is set by the repository's Development file only: not by appsettings.json, not by the test factory.
    // (Database:SeedDemoData would do too, but the test factory always sets it.)
    private readonly PortalAppFactory app = new(new Dictionary<string, string?> { ["Database:DemoMembers"] = "0" });

    [Fact]
    public void Development_reads_the_repository_development_file()
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("true", configuration["DetailedErrors"], ignoreCase: true);
    }

    [Fact]
    public void Production_ignores_the_repository_development_file()
    {
        var services = app.WithWebHostBuilder(web => web.UseEnvironment("Production")
            .UseSetting("Portal:PublicBaseUrl", "https://portal.example/").UseSetting("Email:AllowFolderDelivery", "true")).Services;

        Assert.True(services.GetRequiredService<IHostEnvironment>().IsProduction());
        Assert.Null(services.GetRequiredService<IConfiguration>()["DetailedErrors"]);
    }

    [Fact]
    public void Explicit_settings_override_the_repository_development_file()
    {
        var configuration = app.WithWebHostBuilder(web => web.UseSetting("DetailedErrors", "false")).Services.GetRequiredService<IConfiguration>();

        Assert.Equal("false", configuration["DetailedErrors"], ignoreCase: true);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
