using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using LoyaltyPortal.Hosting;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Every English text has a real German translation with the same placeholders.</summary>
public sealed partial class LocalisationResourceTests
{
    // Words German uses as they are. Anything else equal to its English text is an untranslated string.
    private static readonly HashSet<string> SameInGerman =
    [
        "Feedback", "Webhooks", "OK", "LoyaltyPortal", "Passkey", "Passkeys", "E-Mail", "Operator", "Palette",
        // MudBlazor's comparison signs in a data grid's filter.
        "=", "!=", "<", ">", "<=", ">=",
    ];

    public static TheoryData<string> Resources() => new(BaseNames());

    [Fact]
    public void The_portal_has_resources_to_check() => Assert.True(BaseNames().Count >= 3, string.Join(", ", BaseNames()));

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_English_text_has_a_German_translation_with_the_same_placeholders(string baseName)
    {
        var english = Texts(baseName, CultureInfo.InvariantCulture);
        var german = Texts(baseName, PortalLanguages.CultureOf(PortalLanguages.German).Parent);
        Assert.NotEmpty(english);

        var problems = new List<string>();
        foreach (var (key, text) in english)
        {
            if (!german.TryGetValue(key, out var translation) || string.IsNullOrWhiteSpace(translation)) problems.Add($"missing: {key}");
            else if (translation == text && !SameInGerman.Contains(text)) problems.Add($"not translated: {key}");
            else if (!Placeholders(text).SetEquals(Placeholders(translation))) problems.Add($"placeholders differ: {key}");
        }
        problems.AddRange(german.Keys.Except(english.Keys).Select(key => $"German only: {key}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void German_addresses_people_formally()
    {
        // "Sie", never "du": the informal forms give themselves away as whole words.
        var informal = BaseNames().SelectMany(name => Texts(name, CultureInfo.GetCultureInfo("de")).Values)
            .Where(text => InformalGerman().IsMatch(text)).ToList();
        Assert.Empty(informal);
    }

    private static List<string> BaseNames() =>
        typeof(Program).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal))
            .Select(n => n[..^".resources".Length]).Order(StringComparer.Ordinal).ToList();

    private static Dictionary<string, string> Texts(string baseName, CultureInfo culture)
    {
        var set = new ResourceManager(baseName, typeof(Program).Assembly).GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.True(set is not null, $"{baseName} has no resources for '{culture.Name}'");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|Du|Dich|Dir|Dein|Deine)\b")]
    private static partial Regex InformalGerman();
}
