namespace LoyaltyPortal.Features.Integration;

/// <summary>The texts of the webhooks page, its dialog, delivery log and messages (IntegrationText.resx and its languages).</summary>
public sealed class IntegrationText;
