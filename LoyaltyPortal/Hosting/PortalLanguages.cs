using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Hosting;

/// <summary>
/// The portal's languages. People choose a language by its two-letter code; each code maps to the culture that formats
/// dates and numbers (English as in the UK, German as in Germany). A third language is one entry here plus its .resx
/// files beside the English ones.
/// </summary>
public static partial class PortalLanguages
{
    public const string English = "en";
    public const string German = "de";

    /// <summary>The claim in the sign-in cookie that carries a signed-in person's stored language to every device.</summary>
    public const string Claim = "loyalty:language";

    /// <summary>Where the language switch posts.</summary>
    public const string SwitchPath = "/language";

    public static readonly IReadOnlyList<string> Codes = [English, German];

    private static readonly Dictionary<string, CultureInfo> Cultures = new(StringComparer.OrdinalIgnoreCase)
    {
        [English] = CultureInfo.GetCultureInfo("en-GB"),
        [German] = CultureInfo.GetCultureInfo("de-DE"),
    };

    public static CultureInfo CultureOf(string code) => Cultures[code];

    /// <summary>The portal language for a language tag ("de", "de-AT", "EN_us"), or null when the portal has none.</summary>
    public static string? CodeOf(string? tag)
    {
        if (tag is null || tag.Length > 35 || !LanguageTag().IsMatch(tag)) return null;
        var language = tag.Split('-', '_')[0];
        return Cultures.ContainsKey(language) ? language.ToLowerInvariant() : null;
    }

    [GeneratedRegex("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*\\z")]
    private static partial Regex LanguageTag();

    /// <summary>The language's own name ("Deutsch"), which is how people look for their language in a switch.</summary>
    public static string NativeName(string code)
    {
        var name = CultureInfo.GetCultureInfo(code).NativeName;
        return char.ToUpper(name[0], CultureInfo.GetCultureInfo(code)) + name[1..];
    }

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, CachedStringLocalizerFactory>());
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Codes.Select(CultureOf).ToList();
            options.DefaultRequestCulture = new RequestCulture(cultures[0]);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // A signed-in person's stored choice first (it follows them to every device), then an anonymous visitor's
            // choice in the culture cookie, then the browser's languages.
            options.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(http => Task.FromResult(ResultFor(http.User.FindFirstValue(Claim)))),
                new CustomRequestCultureProvider(http => Task.FromResult(FromCookie(http))),
                new CustomRequestCultureProvider(http => Task.FromResult(FromAcceptLanguage(http))),
            ];
        });
        return services;
    }

    private static ProviderCultureResult? FromCookie(HttpContext http) =>
        http.Request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var value)
            ? ResultFor(CookieRequestCultureProvider.ParseCookieValue(value)?.UICultures.FirstOrDefault().Value)
            : null;

    // A browser's "de-AT" or "de-CH" gets German: the framework's own provider would only match a listed culture or a parent.
    private static ProviderCultureResult? FromAcceptLanguage(HttpContext http) =>
        http.Request.GetTypedHeaders().AcceptLanguage.Where(l => l.Quality is null or > 0).OrderByDescending(l => l.Quality ?? 1)
            .Take(10).Select(l => ResultFor(l.Value.Value)).FirstOrDefault(result => result is not null);

    private static ProviderCultureResult? ResultFor(string? tag) =>
        CodeOf(tag) is { } code ? new ProviderCultureResult(CultureOf(code).Name) : null;

    /// <summary>Remembers a choice in the culture cookie, which pages before sign-in (and after sign-out) follow.</summary>
    public static void RememberInCookie(HttpContext http, string code) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureOf(code))),
            new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });

    /// <summary>
    /// The language switch: remembers the choice in the culture cookie and, for a signed-in person, on their account
    /// (and in their sign-in cookie at once), then returns to the page it came from.
    /// </summary>
    public static IEndpointConventionBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(SwitchPath, async (HttpContext http, [FromForm] string? language, [FromForm] string? returnUrl,
            UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) =>
        {
            if (CodeOf(language) is not { } code) return Results.BadRequest();
            RememberInCookie(http, code);
            if (await users.GetUserAsync(http.User) is { } user && user.Language != code)
            {
                user.Language = code;
                await users.UpdateAsync(user);
                await signIn.RefreshSignInAsync(user);
            }
            return Results.LocalRedirect(IdentityComponentsEndpointRouteBuilderExtensions.LocalReturnUrl(returnUrl?.TrimStart('/')));
        });
}
