using LoyaltyPortal.Components.Layout;
using LoyaltyPortal.Features.Insights;
using LoyaltyPortal.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Tests.Hosting;

public sealed class CachedStringLocalizerTests
{
    private static ServiceProvider Services() => new ServiceCollection().AddLogging().AddPortalLocalization().BuildServiceProvider();

    private static IStringLocalizer<T> Localizer<T>()
    {
        var services = Services();
        Assert.IsType<CachedStringLocalizerFactory>(services.GetRequiredService<IStringLocalizerFactory>());
        return services.GetRequiredService<IStringLocalizer<T>>();
    }

    [Fact]
    public void A_string_read_in_English_first_is_still_German_for_a_German_reader()
    {
        var text = Localizer<LayoutText>();

        Assert.Equal("Main navigation", text["Main navigation"]);
        Assert.Equal("Main navigation", text["Main navigation"]);
        using (TestCulture.German())
        {
            Assert.Equal("Hauptnavigation", text["Main navigation"]);
            Assert.Equal("Hauptnavigation", text["Main navigation"]);
        }
        Assert.Equal("Main navigation", text["Main navigation"]);
    }

    [Fact]
    public void Arguments_are_formatted_in_the_readers_culture_into_their_language()
    {
        var text = Localizer<InsightsText>();

        Assert.Equal("12,345 purchases", text["{0:N0} purchases", 12345]);
        using (TestCulture.German()) Assert.Equal("12.345 Einkäufe", text["{0:N0} purchases", 12345]);
    }

    [Fact]
    public void A_name_without_a_translation_comes_back_as_itself_and_says_so()
    {
        var text = Localizer<LayoutText>();

        var missing = text["No such string {0}", "here"];

        Assert.Equal("No such string here", missing.Value);
        Assert.True(missing.ResourceNotFound);
        Assert.True(text["No such string {0}"].ResourceNotFound);
    }

    [Fact]
    public void Names_built_from_input_cannot_grow_the_cache_without_bound()
    {
        var text = (CachedStringLocalizer)Services().GetRequiredService<IStringLocalizerFactory>().Create(typeof(LayoutText));

        for (var i = 0; i < CachedStringLocalizer.MaxStrings + 50; i++) _ = text["hostile " + i];

        Assert.Equal("hostile 20049", text["hostile 20049"]);
        Assert.Equal(CachedStringLocalizer.MaxStrings, text.Count);
    }
}
