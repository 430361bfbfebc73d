using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>
/// Every routable page, found by reflection, against every kind of caller. A new page is covered the
/// moment it exists; a page without <see cref="AuthorizeAttribute"/> fails here.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed partial class AuthorizationTests(PortalApp app)
{
    private static readonly string[] PublicRoutes = ["/", "/not-found", "/Error"];

    public static TheoryData<string> ProtectedRoutes => new(ProtectedPages().Select(p => p.Route));

    public static TheoryData<string, string> AllowedCallers => new(
        from page in ProtectedPages() from role in Roles.All where page.Roles.Contains(role) select (page.Route, role));

    public static TheoryData<string, string> RefusedCallers => new(
        from page in ProtectedPages() from role in Roles.All where !page.Roles.Contains(role) select (page.Route, role));

    public static TheoryData<string, string> Homes => new()
    {
        { Roles.Manager, "/manager" },
        { Roles.Staff, "/counter" },
        { Roles.Member, "/me" },
    };

    [Fact]
    public void Every_page_outside_account_and_public_pages_requires_sign_in()
    {
        var unprotected = RoutablePages().Where(p => !IsExcluded(p.Route) && p.Page.GetCustomAttribute<AuthorizeAttribute>() is null);

        Assert.Empty(unprotected.Select(p => p.Route));
    }

    [Theory, MemberData(nameof(ProtectedRoutes))]
    public async Task Anonymous_caller_is_sent_to_login(string route)
    {
        var response = await app.NewClient().GetAsync(await UrlForAsync(route));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(PortalClient.IsLoginPage(response.Headers.Location), $"{route} redirected to {response.Headers.Location}");
    }

    [Theory, MemberData(nameof(AllowedCallers))]
    public async Task Allowed_role_gets_the_page(string route, string role)
    {
        var url = await UrlForAsync(route);

        var page = await (await app.ClientAsync(role)).GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(url, page.Path);
        Assert.DoesNotContain("Access denied", page.Html, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(RefusedCallers))]
    public async Task Other_role_gets_access_denied(string route, string role)
    {
        var page = await (await app.ClientAsync(role)).GetPageAsync(await UrlForAsync(route));

        Assert.Equal("/Account/AccessDenied", page.Path);
        Assert.Contains("Access denied", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_asking_for_the_manager_dashboard_gets_access_denied()
    {
        var page = await (await app.ClientAsync(Roles.Member)).GetPageAsync("/manager");

        Assert.Equal("/Account/AccessDenied", page.Path);
        var heading = page.Document.QuerySelector("h1")!;
        Assert.Equal("Access denied", heading.TextContent.Trim());
        Assert.Contains("mud-error-text", heading.ClassList);
    }

    [Theory, MemberData(nameof(Homes))]
    public async Task Signed_in_caller_at_the_root_is_sent_to_their_home(string role, string home)
    {
        var response = await (await app.ClientAsync(role)).GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Anonymous_caller_at_the_root_sees_the_landing_page()
    {
        var page = await app.NewClient().GetPageAsync("/");

        Assert.Equal("/", page.Path);
        Assert.Contains("Loyalty that feels like being known", page.Html, StringComparison.Ordinal);
    }

    private static bool IsExcluded(string route) =>
        route.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase) || PublicRoutes.Contains(route, StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<(string Route, Type Page)> RoutablePages() =>
        from type in typeof(Program).Assembly.GetTypes()
        where typeof(IComponent).IsAssignableFrom(type)
        from route in type.GetCustomAttributes<RouteAttribute>()
        orderby route.Template
        select (route.Template, type);

    /// <summary>Pages that need a signed-in caller, with the roles they admit (all roles when [Authorize] names none).</summary>
    private static IEnumerable<(string Route, string[] Roles)> ProtectedPages() =>
        from page in RoutablePages()
        where !IsExcluded(page.Route)
        let roles = page.Page.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Roles).FirstOrDefault(r => !string.IsNullOrEmpty(r))
        select (page.Route, roles?.Split(',', StringSplitOptions.TrimEntries) ?? Roles.All.ToArray());

    /// <summary>Fills route parameters with real ids from the demo data, e.g. {MemberId:int} with the demo member.</summary>
    private async Task<string> UrlForAsync(string route)
    {
        var url = route;
        foreach (Match parameter in RouteParameter().Matches(route))
        {
            var value = parameter.Groups["name"].Value switch
            {
                "MemberId" => (await app.DemoMemberIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "BenefitId" or "Id" => (await app.DemoBenefitIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "BookingId" => (await app.DemoAttendedBookingIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Kind" => "event",
                "MemberCode" => "DEMO2026",
                var name => throw new InvalidOperationException($"Give route parameter '{name}' of {route} a demo value in {nameof(UrlForAsync)}."),
            };
            url = url.Replace(parameter.Value, value, StringComparison.Ordinal);
        }
        return url;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>\w+)(:[^}?]+)?\??\}")]
    private static partial Regex RouteParameter();
}
