using LoyaltyPortal.Data;

namespace LoyaltyPortal.Hosting;

/// <summary>The host for the app's command-line tools (<c>seed</c>, <c>standings</c>).</summary>
public static class CommandHost
{
    /// <summary>
    /// Same environment as the web app (dotnet run sets ASPNETCORE_ENVIRONMENT), so the same settings and database
    /// apply; <paramref name="settings"/> are <c>--Key=value</c> overrides.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = settings,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.AddRepositoryDevelopmentSettings();
        // Commands print their own progress; every SQL statement at Information would bury it.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddLoyaltyDatabase();
        return builder;
    }
}
