namespace LoyaltyPortal.Components.Pages;

/// <summary>The texts of the landing, error and not-found pages (PagesText.resx and its languages).</summary>
public sealed class PagesText;
