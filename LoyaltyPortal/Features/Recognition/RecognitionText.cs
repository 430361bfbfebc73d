namespace LoyaltyPortal.Features.Recognition;

/// <summary>The texts staff read at the counter, on a member's card and in the card-view audit (RecognitionText.resx and its languages).</summary>
public sealed class RecognitionText;
