using LoyaltyPortal.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// The resources of <typeparamref name="TText"/> for static code called without services (rules, result shapes): like a
/// generated resource class, it answers in the current UI culture.
/// </summary>
/// <remarks>
/// Cached like the app's own localizers (<see cref="CachedStringLocalizerFactory"/>), so a message an import repeats
/// for many rows is looked up once.
/// </remarks>
public static class StaticText<TText>
{
    public static IStringLocalizer<TText> Localizer { get; } = new StringLocalizer<TText>(new CachedStringLocalizerFactory(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));
}
