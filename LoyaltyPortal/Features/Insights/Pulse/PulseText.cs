namespace LoyaltyPortal.Features.Insights;

/// <summary>The texts of the significance pulse card and its answers (PulseText.resx and its languages).</summary>
public sealed class PulseText;
