using Bunit;
using LoyaltyPortal.Components.Shared;
using MudBlazor;

namespace LoyaltyPortal.Tests.Components.Shared;

public sealed class LocalDateTimeInputTests : PortalTestContext
{
    [Theory]
    [InlineData("2026-11-30T11:11:00")] // what Blazor reports for a datetime-local input
    [InlineData("2026-11-30T11:11")]
    [InlineData("2026-11-30T11:11:42.5")]
    public void A_browser_value_binds_to_the_minute(string browserValue)
    {
        DateTime? value = null;
        var cut = RenderField(v => value = v);

        cut.Find("input").Change(browserValue);

        Assert.Equal(new DateTime(2026, 11, 30, 11, 11, 0), value);
        Assert.False(cut.Instance.ConversionError);
    }

    [Fact]
    public void A_value_is_shown_to_the_minute_as_the_input_expects()
    {
        var cut = Render<MudTextField<DateTime?>>(p => p
            .Add(f => f.InputType, InputType.DateTimeLocal)
            .Add(f => f.Converter, LocalDateTimeInput.Instance)
            .Add(f => f.Value, new DateTime(2026, 3, 29, 1, 30, 0)));

        Assert.Equal("2026-03-29T01:30", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void Nonsense_is_a_conversion_error_not_an_exception()
    {
        var cut = RenderField(_ => { });

        cut.Find("input").Change("next tuesday");

        Assert.True(cut.Instance.ConversionError);
    }

    [Fact]
    public void Clearing_the_field_gives_no_value()
    {
        DateTime? value = new DateTime(2026, 1, 1, 9, 0, 0);
        var cut = RenderField(v => value = v, value);

        cut.Find("input").Change("");

        Assert.Null(value);
    }

    private IRenderedComponent<MudTextField<DateTime?>> RenderField(Action<DateTime?> changed, DateTime? initial = null) =>
        Render<MudTextField<DateTime?>>(p => p
            .Add(f => f.InputType, InputType.DateTimeLocal)
            .Add(f => f.Value, initial)
            .Add(f => f.Converter, LocalDateTimeInput.Instance)
            .Add(f => f.ValueChanged, changed));
}
