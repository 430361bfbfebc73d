using System.Buffers;

namespace LoyaltyPortal.Components.Shared;

/// <summary>
/// The one check every name, note and free-text field shares. Direction-control characters (RLO, LRE, isolates, the
/// left-to-right and right-to-left marks) are invisible and reorder what follows them, so "Alex‮gnp.exe" can display as
/// "Alexexe.png": a name or note could read differently to staff than what was typed. They are refused, not stripped,
/// so the person sees why.
/// </summary>
public static class TextRules
{
    public const string DirectionMessage = "Remove the hidden text-direction characters; they change the order words are shown in.";

    private static readonly SearchValues<char> DirectionControls =
        SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static bool HasDirectionControls(string? text) => text is not null && text.AsSpan().ContainsAny(DirectionControls);

    /// <summary>Null when the text is fine, otherwise the message to show beside the field.</summary>
    public static string? DirectionProblem(string? text) => HasDirectionControls(text) ? DirectionMessage : null;

    /// <summary>Adds <see cref="DirectionMessage"/> for each field holding direction controls that has no message yet.</summary>
    public static void AddDirectionErrors(IDictionary<string, string> errors, params (string Field, string? Text)[] fields)
    {
        foreach (var (field, text) in fields)
        {
            if (HasDirectionControls(text)) errors.TryAdd(field, DirectionMessage);
        }
    }
}
