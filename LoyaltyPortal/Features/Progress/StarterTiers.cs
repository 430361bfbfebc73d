namespace LoyaltyPortal.Features.Progress;

/// <summary>The tiers a new programme starts with; managers change them later.</summary>
public static class StarterTiers
{
    public const string Entry = "Member";

    public static IEnumerable<Tier> All() =>
    [
        new Tier { Name = Entry, Colour = "#5F6B66", Threshold = 0, Rank = 0, Unlocks = "Events, trials and expert sessions open to every member." },
        new Tier { Name = "Silver", Colour = "#8A9BA8", Threshold = 300, Rank = 1, Unlocks = "Book events 24 hours early and bring a guest." },
        new Tier { Name = "Gold", Colour = "#B08D57", Threshold = 900, Rank = 2, Unlocks = "Book 48 hours before everyone else, members-only evenings and longer trials." },
    ];
}
