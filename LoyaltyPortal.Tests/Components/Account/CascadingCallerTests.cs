using System.Security.Claims;
using Bunit;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>Components take the signed-in <see cref="Caller"/> from one cascading value instead of rebuilding it.</summary>
public sealed class CascadingCallerTests : PortalTestContext
{
    private static readonly Caller Staff = new("user-42", "Sam Counter", new HashSet<string> { Roles.Staff }, StoreId: 3);

    [Fact]
    public void A_component_receives_the_signed_in_caller()
    {
        SignIn(Staff);

        var caller = Render<CallerProbe>().Instance.Caller;

        Assert.NotNull(caller);
        Assert.Equal(("user-42", "Sam Counter", 3), (caller.UserId, caller.DisplayName, caller.StoreId));
        Assert.Equal([Roles.Staff], caller.Roles);
    }

    [Fact]
    public void An_anonymous_visitor_gets_no_caller()
    {
        AddAuthorization();

        Assert.Null(Render<CallerProbe>().Instance.Caller);
    }

    [Fact]
    public void A_caller_known_only_after_authorizing_reaches_the_rendered_component()
    {
        var auth = AddAuthorization();
        auth.SetAuthorizing();
        var cut = Render<CallerProbe>();
        Assert.Null(cut.Instance.Caller);

        auth.SetAuthorized("Mo Member");
        auth.SetRoles(Roles.Member);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-9"));

        cut.WaitForAssertion(() => Assert.Equal(("user-9", true), (cut.Instance.Caller?.UserId, cut.Instance.Caller?.IsMember == true)));
    }

    [Fact]
    public void A_sign_in_that_ends_leaves_the_open_page_its_caller_for_the_services_to_refuse()
    {
        var auth = SignIn(Staff);
        var cut = Render<CallerProbe>();

        auth.SetNotAuthorized();

        Assert.Equal("user-42", cut.Instance.Caller?.UserId);
    }

    [Fact]
    public async Task The_app_cascades_the_user_its_host_signs_in_after_building_the_renderer()
    {
        await using var app = new PortalAppFactory(new Dictionary<string, string?> { ["Database:DemoMembers"] = "0" });
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // The order of a circuit and of a static page: the renderer (and its cascading values) first, then the user.
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var host = (IHostEnvironmentAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>();
        Claim[] claims = [new(ClaimTypes.NameIdentifier, "user-7"), new(ClaimTypes.Role, Roles.Manager)];
        host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test")))));

        var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<CallerProbe>()).ToHtmlString());

        Assert.Equal("user-7 Manager", html);
    }

    public sealed class CallerProbe : ComponentBase
    {
        [CascadingParameter]
        public Caller? Caller { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) =>
            builder.AddContent(0, Caller is null ? "anonymous" : $"{Caller.UserId} {string.Join(',', Caller.Roles.Order())}");
    }
}
