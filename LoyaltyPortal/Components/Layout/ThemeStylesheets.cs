using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace LoyaltyPortal.Components.Layout;

/// <summary>
/// The portal theme's CSS (MudBlazor's palette, typography and layout variables) as two static stylesheets,
/// rendered once from <see cref="MudThemeProvider"/>. Served as files, the 23 KB theme is cached by the browser
/// instead of being held in every page's render tree and sent in every circuit's first batch; switching between
/// light and dark swaps the stylesheet link and re-renders nothing.
/// </summary>
public sealed partial class ThemeStylesheets(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly Lazy<Task<string>> light = new(() => RenderAsync(scopes, loggers, dark: false));
    private readonly Lazy<Task<string>> dark = new(() => RenderAsync(scopes, loggers, dark: true));

    /// <summary>Changes with every build, so a new theme is never served from a browser's year-long cache.</summary>
    private static readonly string Version = typeof(PortalTheme).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static string Href(bool isDark) => $"theme/{(isDark ? "dark" : "light")}.css?v={Version}";

    public Task<string> GetAsync(bool isDark) => (isDark ? dark : light).Value;

    private static async Task<string> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers, bool dark)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
        return string.Join('\n', StyleElement().Matches(html).Select(m => m.Groups["css"].Value));
    }

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}

public static class ThemeStylesheetEndpoints
{
    public static IEndpointRouteBuilder MapThemeStylesheets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/theme/{mode:regex(^(light|dark)$)}.css", async (string mode, HttpContext http, ThemeStylesheets themes) =>
        {
            // The link carries the build's version, so the file at that address never changes.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(await themes.GetAsync(mode == "dark"), "text/css; charset=utf-8");
        }).DisableRateLimiting();
        return app;
    }
}
