using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Hosting;

/// <summary>
/// The framework's .resx localizers, with each translated string kept once per language. Every open page renders its
/// app bar and navigation through them, and <see cref="ResourceManagerStringLocalizer"/> walks the culture's resource
/// sets under their locks on every lookup: in a profile of 2,000 live member pages those lookups were a few per cent of
/// the app's CPU. The strings never change while the app runs, so one dictionary read serves them.
/// </summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<Type, CachedStringLocalizer> byType = new();

    public IStringLocalizer Create(Type resourceSource) =>
        byType.GetOrAdd(resourceSource, static (type, factory) => new CachedStringLocalizer(factory.Create(type)), resources);

    // Named resources (base name and location) are not used by the portal; they pass through uncached.
    public IStringLocalizer Create(string baseName, string location) => resources.Create(baseName, location);
}

/// <summary>One resource file's strings, looked up once per language and name.</summary>
public sealed class CachedStringLocalizer(IStringLocalizer resources) : IStringLocalizer
{
    // Names come from the code, so the set is small; the bound only guards against a name built from input.
    public const int MaxStrings = 20_000;

    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> strings = new();

    /// <summary>How many strings are kept.</summary>
    public int Count => strings.Count;

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (strings.TryGetValue(key, out var found)) return found;
            var looked = resources[name];
            if (strings.Count < MaxStrings) strings.TryAdd(key, looked);
            return looked;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            // As ResourceManagerStringLocalizer does: the translated format, or the name itself, filled in the current culture.
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments),
                format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
}
