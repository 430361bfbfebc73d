using Microsoft.Extensions.Configuration.Json;

namespace LoyaltyPortal.Hosting;

public static class DevelopmentSettings
{
    public const string FileName = "appsettings.Development.json";

    /// <summary>
    /// The repository keeps one appsettings.Development.json at its root, beside the solution. The default
    /// host only looks in the content root (the project folder), so add the root file in Development,
    /// right after appsettings.json so that environment variables and the command line still override it.
    /// </summary>
    public static IHostApplicationBuilder AddRepositoryDevelopmentSettings(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return builder;

        var path = new[]
        {
            Path.Combine(builder.Environment.ContentRootPath, "..", FileName),
            Path.Combine(AppContext.BaseDirectory, FileName),
        }.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
        if (path is null) return builder;

        IConfigurationBuilder configuration = builder.Configuration;
        var source = new JsonConfigurationSource { Path = Path.GetFileName(path), Optional = false, ReloadOnChange = false };
        source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!);
        var afterAppSettings = configuration.Sources
            .Select((s, i) => (s, i))
            .LastOrDefault(x => x.s is JsonConfigurationSource { Path: not null } json && json.Path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)).i;
        configuration.Sources.Insert(afterAppSettings + 1, source);
        return builder;
    }
}
