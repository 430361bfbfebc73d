using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>A page as the browser ends up showing it, after any redirects.</summary>
public sealed record PortalPage(HttpStatusCode Status, Uri Url, string Html)
{
    public string Path => Url.AbsolutePath;

    public IHtmlDocument Document => new HtmlParser().ParseDocument(Html);

    /// <summary>Field messages and error alerts (MudAlert), as a user would read them beside the form.</summary>
    public IReadOnlyList<string> Messages => Document
        .QuerySelectorAll(".validation-message, .mud-alert-text-error .mud-alert-message, .validation-errors li")
        .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct().ToList();
}

/// <summary>
/// Talks to the app over its test server the way a browser with JavaScript off does: keeps cookies,
/// reads a form's hidden fields (antiforgery token, Blazor's <c>_handler</c>) and posts them back.
/// </summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    private const int MaxRedirects = 10;

    public static PortalClient For(PortalAppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A client signed in with the given login; fails the test when the sign-in is refused.</summary>
    public static async Task<PortalClient> SignedInAsync(PortalAppFactory app, string email, string password)
    {
        var client = For(app);
        var response = await client.LogInAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && !IsLoginPage(response.Headers.Location),
            $"Signing in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        http.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

    /// <summary>Gets a page and follows redirects to where the browser would end up.</summary>
    public async Task<PortalPage> GetPageAsync(string url) => await FollowAsync(await GetAsync(url));

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, finds the form named <paramref name="form"/> (its Blazor form name or its action)
    /// and posts its hidden fields plus <paramref name="fields"/>. Redirects are not followed.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string form, IReadOnlyDictionary<string, string> fields)
    {
        var page = await GetPageAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var element = FindForm(page.Document, form) ?? throw new InvalidOperationException($"No form '{form}' on {page.Path}.");
        var values = element.QuerySelectorAll<IHtmlInputElement>("input[type=hidden][name]")
            .Where(input => !fields.ContainsKey(input.Name!))
            .Select(input => KeyValuePair.Create(input.Name!, input.Value))
            .Concat(fields);
        return await PostAsync(ActionOf(element, page.Url.PathAndQuery), values);
    }

    public Task<HttpResponseMessage> LogInAsync(string email, string password) =>
        SubmitAsync("/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Follows redirects from <paramref name="response"/>, as a browser would.</summary>
    public async Task<PortalPage> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            Assert.True(hops < MaxRedirects, $"Too many redirects, last to {response.Headers.Location}");
            var next = response.Headers.Location!;
            response.Dispose();
            response = await GetAsync(next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString);
        }
        using (response)
        {
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return new PortalPage(response.StatusCode, response.RequestMessage!.RequestUri!, html);
        }
    }

    public static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    public static bool IsLoginPage(Uri? location) =>
        location is not null && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase);

    private static IElement? FindForm(IHtmlDocument document, string form) =>
        document.QuerySelectorAll("form").FirstOrDefault(f =>
            f.QuerySelector($"input[name=_handler][value='{form}']") is not null
            || (f.GetAttribute("action") ?? "").TrimStart('/').Equals(form.TrimStart('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>The page sets <c>&lt;base href="/"&gt;</c>, so a relative action is relative to the site root.</summary>
    private static string ActionOf(IElement form, string pageUrl) => form.GetAttribute("action") switch
    {
        null or "" => pageUrl,
        var action when action.StartsWith('/') => action,
        var action => "/" + action,
    };

    public void Dispose() => http.Dispose();
}
