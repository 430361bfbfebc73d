using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>The texts of experience feedback and "You said, we did" for members and managers (FeedbackText.resx and its languages).</summary>
public sealed class FeedbackText;

public static class FeedbackWords
{
    /// <summary>"4 out of 5 stars", read out for a row of stars.</summary>
    public static string Stars(this IStringLocalizer<FeedbackText> text, int rating) =>
        rating == 1 ? text["1 out of 5 stars"] : text["{0} out of 5 stars", rating];
}
