namespace LoyaltyPortal.Features.Pass;

/// <summary>The texts of My pass and the wallet buttons (PassText.resx and its languages).</summary>
public sealed class PassText;
