namespace LoyaltyPortal.Features.Insights;

/// <summary>One answer to "What matters most to you right now?". The code is stored; the label is what members read.</summary>
public sealed record PulseChoice(string Code, string Label);

/// <summary>
/// The fixed list for "What matters most to you right now?". Codes are stored in <see cref="PulseResponse.Matters"/>
/// and read by the insights, so never rename one; retire it and add a new code instead.
/// </summary>
public static class PulseChoices
{
    public static IReadOnlyList<PulseChoice> All { get; } =
    [
        new("events", "Events and meet-ups"),
        new("expert-advice", "Expert advice"),
        new("trying-kit", "Trying kit before I buy"),
        new("recognition", "Being known in store"),
        new("repairs", "Repairs and kit that lasts"),
        new("rewards", "Rewards and early access"),
        new("community", "Meeting people like me"),
    ];

    public static bool IsKnown(string code) => All.Any(c => c.Code == code);

    public static string LabelFor(string code) => All.FirstOrDefault(c => c.Code == code)?.Label ?? code;
}
