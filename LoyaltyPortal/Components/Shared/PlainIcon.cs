using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// A Material icon as plain SVG markup with MudBlazor's icon classes. Where a page repeats icons (app bar, navigation,
/// lists on My progress) a <c>MudIcon</c> component each costs every open circuit a few kilobytes; markup costs one
/// frame, and the cache means every circuit's frame points at the same string.
/// </summary>
public static class PlainIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Cache = new();

    /// <param name="icon">One of MudBlazor's <c>Icons</c> constants (trusted SVG content, never user input).</param>
    /// <param name="classes">Extra classes, e.g. <c>mud-primary-text</c> or <c>mud-icon-size-large</c>.</param>
    public static MarkupString Svg(string icon, string classes = "mud-icon-size-medium") =>
        Cache.GetOrAdd((icon, classes), key => new MarkupString(
            $"""<svg class="mud-icon-root mud-svg-icon {key.Classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{key.Icon}</svg>"""));
}
