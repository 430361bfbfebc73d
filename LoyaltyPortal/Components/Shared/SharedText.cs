namespace LoyaltyPortal.Components.Shared;

/// <summary>Texts shared across features: activity labels, the ledger timeline (SharedText.resx and its languages).</summary>
public sealed class SharedText;
