using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Hosting;

/// <summary>Where the portal is reached from outside: the base of every link that leaves the app.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>For example https://loyalty.example.com/. Required outside Development.</summary>
    public string? PublicBaseUrl { get; set; }

    public static bool IsValidBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}

/// <summary>
/// Builds every absolute link that leaves the app (password reset, email confirmation, email change, claim, invite,
/// notifications) from <see cref="PortalOptions.PublicBaseUrl"/>. Never from the request's Host header: a forged Host
/// would otherwise put an attacker's address, carrying a live token, into a real member's inbox.
/// </summary>
public sealed class PublicLinks(IOptions<PortalOptions> options)
{
    private readonly Uri baseUri = ParseBase(options.Value.PublicBaseUrl);

    public Uri BaseUri => baseUri;

    /// <summary>The absolute link to <paramref name="path"/> (relative to the site root), with the query values added.</summary>
    public string To(string path, IReadOnlyDictionary<string, string?>? query = null)
    {
        var link = new Uri(baseUri, path.TrimStart('/')).AbsoluteUri;
        return query is null ? link : QueryHelpers.AddQueryString(link, query);
    }

    private static Uri ParseBase(string? value)
    {
        if (!PortalOptions.IsValidBaseUrl(value))
        {
            throw new OptionsValidationException(PortalOptions.Section, typeof(PortalOptions), [PublicBaseUrlMessage]);
        }
        // A base without a trailing slash would drop its last path segment when links are resolved against it.
        var text = value!.EndsWith('/') ? value : value + "/";
        return new Uri(text, UriKind.Absolute);
    }

    public const string PublicBaseUrlMessage =
        "Portal:PublicBaseUrl must be the absolute http(s) address members use to reach the portal, e.g. https://loyalty.example.com/.";
}
