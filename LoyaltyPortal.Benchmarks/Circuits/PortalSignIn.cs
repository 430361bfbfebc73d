using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LoyaltyPortal.Benchmarks.Circuits;

/// <summary>
/// Signs in through the real login form (antiforgery token and all) and fetches prerendered pages with the
/// resulting cookies, the way a browser does before it opens a circuit.
/// </summary>
internal sealed partial class PortalSignIn : IDisposable
{
    private readonly HttpClient http;

    private PortalSignIn(Uri baseUri, CookieContainer cookies)
    {
        BaseUri = baseUri;
        Cookies = cookies;
        http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri };
    }

    public Uri BaseUri { get; }

    public CookieContainer Cookies { get; }

    public static async Task<PortalSignIn> SignInAsync(Uri baseUri, string email, string password, CancellationToken ct)
    {
        var signIn = new PortalSignIn(baseUri, new CookieContainer());
        var form = await signIn.http.GetStringAsync("/Account/Login", ct);
        var fields = HiddenInputs(LoginForm(form));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var response = await signIn.http.PostAsync("/Account/Login", new FormUrlEncodedContent(fields), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || !signIn.Cookies.GetCookies(baseUri).Any(c => c.Name.Contains("Identity")))
        {
            throw new InvalidOperationException($"Signing in as {email} failed: HTTP {(int)response.StatusCode}.");
        }
        return signIn;
    }

    /// <summary>The page's prerendered HTML and the interactive root components it asks the circuit to start.</summary>
    public async Task<PrerenderedPage> GetPageAsync(string path, CancellationToken ct)
    {
        var html = await http.GetStringAsync(path, ct);
        var markers = ServerMarker().Matches(html)
            .Select(m => JsonSerializer.Deserialize<JsonElement>(m.Groups["json"].Value))
            .Where(m => m.TryGetProperty("descriptor", out _))
            .ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"{path} has no interactive server component: is the user signed in?");
        var state = ServerState().Match(html);
        return new PrerenderedPage(new Uri(BaseUri, path), markers, state.Success ? state.Groups["state"].Value : "");
    }

    public string CookieHeader => Cookies.GetCookieHeader(BaseUri);

    public void Dispose() => http.Dispose();

    /// <summary>The login form itself: the layout around it has forms of its own with the same hidden field names.</summary>
    private static string LoginForm(string html) =>
        Form().Matches(html).Select(m => m.Value)
            .FirstOrDefault(f => f.Contains("name=\"_handler\" value=\"login\"", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("The login page has no login form.");

    private static Dictionary<string, string> HiddenInputs(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Form();

    [GeneratedRegex("""<!--Blazor:(?<json>\{"type":"server".*?\})-->""")]
    private static partial Regex ServerMarker();

    [GeneratedRegex("""<!--Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)-->""")]
    private static partial Regex ServerState();
}

internal sealed record PrerenderedPage(Uri Uri, IReadOnlyList<JsonElement> Markers, string ApplicationState);
