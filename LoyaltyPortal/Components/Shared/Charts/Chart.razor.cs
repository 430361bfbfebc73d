using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LoyaltyPortal.Components.Shared.Charts;

public sealed partial class Chart : IAsyncDisposable
{
    public const string ModulePath = "./js/charts.js";

    private readonly string id = "chart-" + Guid.NewGuid().ToString("N")[..12];
    private ElementReference canvas;
    private IJSObjectReference? module;
    private Task? created;
    private (ChartData? Data, ChartSpec Spec, bool Dark)? drawn;
    private ThemePreference? subscribedTheme;
    private bool showTable;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [CascadingParameter] private ThemePreference? Theme { get; set; }

    [Parameter, EditorRequired] public ChartSpec Spec { get; set; } = default!;

    /// <summary>Null while loading: a skeleton shows. New data (a new instance) updates the drawn chart in place.</summary>
    [Parameter] public ChartData? Data { get; set; }

    /// <summary>Newer data is on its way: the current chart stays, with a progress bar above it.</summary>
    [Parameter] public bool Busy { get; set; }

    [Parameter] public int Height { get; set; } = 320;

    /// <summary>The empty state's title; "No data for these filters", in the reader's language, when not set.</summary>
    [Parameter] public string? EmptyText { get; set; }

    /// <summary>What to try instead, under <see cref="EmptyText"/>.</summary>
    [Parameter] public string? EmptyHint { get; set; }

    private bool HasData => Data is { IsEmpty: false };
    private bool Dark => Theme?.IsDark ?? false;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(subscribedTheme, Theme)) return;
        if (subscribedTheme is not null) subscribedTheme.Changed -= OnThemeChanged;
        subscribedTheme = Theme;
        if (Theme is not null) Theme.Changed += OnThemeChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            created = CreateAsync();
            await created;
            return;
        }
        if (created is null || IsDrawn()) return;
        // A render while the chart is still being created waits for it, then sends what is current.
        await created;
        if (IsDrawn()) return;
        drawn = (Data, Spec, Dark);
        await module!.InvokeVoidAsync("update", id, ChartConfig.From(Spec, Data, Dark));
    }

    private async Task CreateAsync()
    {
        module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        drawn = (Data, Spec, Dark);
        await module.InvokeVoidAsync("create", id, canvas, ChartConfig.From(Spec, Data, Dark));
    }

    private bool IsDrawn() => drawn is { } d && ReferenceEquals(d.Data, Data) && d.Spec == Spec && d.Dark == Dark;

    private void OnThemeChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task DownloadCsvAsync()
    {
        if (Data is null || module is null) return;
        await module.InvokeVoidAsync("downloadCsv", ChartText.FileName(Spec), ChartCsv.Write(L, Spec, Data));
    }

    public async ValueTask DisposeAsync()
    {
        if (subscribedTheme is not null) subscribedTheme.Changed -= OnThemeChanged;
        if (created is null) return;
        try
        {
            // Leaving while the chart is still being created: let it finish, so it can be destroyed.
            await created;
            if (module is null) return;
            await module.InvokeVoidAsync("destroy", id);
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's page with its charts went with it.
        }
    }
}
