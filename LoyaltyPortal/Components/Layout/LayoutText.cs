namespace LoyaltyPortal.Components.Layout;

/// <summary>The texts of the app bar, navigation, banners and reconnect dialog (LayoutText.resx and its languages).</summary>
public sealed class LayoutText;
