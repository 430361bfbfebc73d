using Bunit;
using LoyaltyPortal.Components;
using LoyaltyPortal.Components.Layout;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Tests.Components.Layout;

public sealed class MainLayoutTests : PortalTestContext
{
    private readonly ThemePreference theme = new(isDark: false);

    [Fact]
    public void Shows_the_page_inside_the_shell()
    {
        var cut = RenderLayout();

        Assert.Contains("Page body", cut.Find(".mud-main-content").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Theme_toggle_switches_to_dark()
    {
        var cut = RenderLayout();

        cut.Find("button[aria-label='Switch to dark mode']").Click();

        Assert.True(theme.IsDark);
    }

    [Fact]
    public void Theme_toggle_remembers_the_choice_through_js()
    {
        var cut = RenderLayout();

        cut.Find("button[aria-label='Switch to dark mode']").Click();

        Assert.Equal(["dark"], JSInterop.VerifyInvoke("loyaltyPortal.rememberTheme").Arguments);
    }

    [Fact]
    public void Theme_toggle_switches_back_to_light()
    {
        var cut = RenderLayout();
        cut.Find("button[aria-label='Switch to dark mode']").Click();

        cut.Find("button[aria-label='Switch to light mode']").Click();

        Assert.False(theme.IsDark);
        Assert.Equal(["dark", "light"], JSInterop.VerifyInvoke("loyaltyPortal.rememberTheme", calledTimes: 2).Select(call => call.Arguments[0]));
    }

    private IRenderedComponent<MainLayout> RenderLayout()
    {
        SignIn("Jo Test", Roles.Member);
        return Render<MainLayout>(parameters => parameters
            .AddCascadingValue(theme)
            .Add(layout => layout.Body, builder => builder.AddContent(0, "Page body")));
    }
}
