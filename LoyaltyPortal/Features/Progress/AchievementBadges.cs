using MudBlazor;

namespace LoyaltyPortal.Features.Progress;

/// <summary>The badge icons a manager can choose from, stored by key so the icon set can change.</summary>
public static class AchievementBadges
{
    public const string Default = "star";

    public static IReadOnlyDictionary<string, (string Label, string Icon)> All { get; } = new Dictionary<string, (string, string)>
    {
        ["star"] = ("Star", Icons.Material.Filled.Star),
        ["trophy"] = ("Trophy", Icons.Material.Filled.EmojiEvents),
        ["storefront"] = ("Store", Icons.Material.Filled.Storefront),
        ["event"] = ("Event", Icons.Material.Filled.Event),
        ["science"] = ("Trial", Icons.Material.Filled.Science),
        ["friends"] = ("Friends", Icons.Material.Filled.People),
        ["chat"] = ("Feedback", Icons.Material.Filled.Forum),
        ["run"] = ("Running", Icons.Material.Filled.DirectionsRun),
        ["heart"] = ("Heart", Icons.Material.Filled.Favorite),
        ["bag"] = ("Shopping", Icons.Material.Filled.ShoppingBag),
        ["school"] = ("Expert", Icons.Material.Filled.School),
        ["bolt"] = ("Streak", Icons.Material.Filled.Bolt),
    };

    public static string Icon(string key) => All.TryGetValue(key, out var badge) ? badge.Icon : All[Default].Icon;
}
