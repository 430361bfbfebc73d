using Bunit;
using LoyaltyPortal.Components.Shared.Charts;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Features.Insights.Rollups;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Features.Insights;

/// <summary>The insights page over a small ledger; the clock reads Friday 20 Nov 2026, so the default weeks run 24 Aug to 15 Nov.</summary>
public sealed class InsightsPageTests : PortalTestContext
{
    private static readonly DateTime InRange = new(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task<(Store Leeds, Store Bath)> TwoStoresWithVisitsAsync()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Manager"));
        var leeds = await Db.AddStoreAsync("Leeds");
        var bath = await Db.AddStoreAsync("Bath");
        var (ann, _) = await Db.AddMemberAsync("Ann", withLogin: false);
        var (ben, _) = await Db.AddMemberAsync("Ben", withLogin: false);
        await Db.AddActivityAsync(ann.Id, ActivityType.Visit, InRange, leeds.Id);
        await Db.AddActivityAsync(ben.Id, ActivityType.Visit, InRange, bath.Id);
        return (leeds, bath);
    }

    /// <summary>As in the browser's circuit: the section loads only once interactive.</summary>
    private async Task<IRenderedComponent<InsightsPage>> RenderPageAsync()
    {
        await Db.Get<InsightsRollups>().RefreshAsync(Xunit.TestContext.Current.CancellationToken);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<InsightsPage>();
    }

    private static double ActiveMembersShown(IRenderedComponent<InsightsPage> cut) =>
        cut.FindComponents<Chart>().Single(c => c.Instance.Spec.Title == "Weekly active members").Instance.Data!.Series.Single().Values.Sum();

    [Fact]
    public async Task Opens_on_the_last_twelve_weeks_of_every_store_with_both_charts()
    {
        await TwoStoresWithVisitsAsync();

        var cut = await RenderPageAsync();

        cut.WaitForAssertion(() => Assert.Equal(2, ActiveMembersShown(cut)));
        Assert.Equal(["Weekly active members", "Activities by type"], cut.FindAll("h2").Select(h => h.TextContent).Take(2));
        Assert.Equal(12, cut.FindComponents<Chart>()[1].Instance.Data!.Labels.Count);
    }

    [Fact]
    public async Task Before_the_rollups_first_run_the_rolled_up_sections_say_they_are_being_prepared()
    {
        await TwoStoresWithVisitsAsync();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var cut = Render<InsightsPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".mud-alert").Count(a => a.TextContent.Contains("being prepared from the programme's history"))));
        Assert.DoesNotContain(cut.FindComponents<Chart>(), c => c.Instance.Spec.Title == "Weekly active members");
    }

    [Fact]
    public async Task Charts_say_how_recent_their_figures_are()
    {
        await TwoStoresWithVisitsAsync();

        var cut = await RenderPageAsync();

        cut.WaitForAssertion(() => Assert.Contains("Includes activity up to 20 Nov 2026, 10:00.", cut.Markup));
    }

    [Fact]
    public async Task A_link_with_a_store_shows_that_store_only()
    {
        var (leeds, _) = await TwoStoresWithVisitsAsync();
        Navigation.NavigateTo($"/manager/insights?store={leeds.Id}");

        var cut = await RenderPageAsync();

        cut.WaitForAssertion(() => Assert.Equal(1, ActiveMembersShown(cut)));
        Assert.Equal(leeds.Id, cut.FindComponent<InsightsFilterBar>().Instance.Filter.StoreId);
    }

    [Fact]
    public async Task A_link_with_bad_or_unknown_values_opens_with_the_defaults()
    {
        await TwoStoresWithVisitsAsync();
        Navigation.NavigateTo("/manager/insights?store=999&tier=x&from=2026-02-30&to=soon");

        var cut = await RenderPageAsync();

        cut.WaitForAssertion(() => Assert.Equal(2, ActiveMembersShown(cut)));
        Assert.Equal(InsightsFilter.Default(new(2026, 11, 20)), cut.FindComponent<InsightsFilterBar>().Instance.Filter);
    }

    [Fact]
    public async Task Changing_a_filter_puts_it_in_the_address_and_reloads_the_charts()
    {
        var (_, bath) = await TwoStoresWithVisitsAsync();
        Navigation.NavigateTo("/manager/insights");
        var cut = await RenderPageAsync();
        cut.WaitForAssertion(() => Assert.Equal(2, ActiveMembersShown(cut)));
        var bar = cut.FindComponent<InsightsFilterBar>();

        await cut.InvokeAsync(() => bar.Instance.FilterChanged.InvokeAsync(bar.Instance.Filter with { StoreId = bath.Id }));

        Assert.EndsWith($"/manager/insights?store={bath.Id}", Navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal(1, ActiveMembersShown(cut)));
    }

    [Fact]
    public async Task No_activity_for_the_filters_shows_the_empty_state_in_both_charts()
    {
        SignIn(await Db.AddUserAsync(Roles.Manager, "Morgan Manager"));

        var cut = await RenderPageAsync();

        // The engagement charts' empty states; later sections on the page have their own wording.
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".empty-state").Count(e => e.TextContent.Contains("No data for these filters"))));
    }
}
