namespace LoyaltyPortal.Components.Account;

/// <summary>The texts of the sign-in, join and account pages (AccountText.resx and its languages).</summary>
public sealed class AccountText;
