namespace LoyaltyPortal.Data.Seeding;

public sealed record DemoAccount(string Email, string Name, string Role, string? StoreName);

/// <summary>The demo logins the README lists and startup prints.</summary>
public static class DemoAccounts
{
    public const string Password = "Portal#2026";

    public static readonly DemoAccount Manager = new("manager@loyaltyportal.test", "Maya Patel", Roles.Manager, "Covent Garden");
    public static readonly DemoAccount Staff = new("staff@loyaltyportal.test", "Sam Okafor", Roles.Staff, "Covent Garden");
    public static readonly DemoAccount Member = new("member@loyaltyportal.test", "Alex Morgan", Roles.Member, null);

    public static readonly IReadOnlyList<DemoAccount> Primary = [Manager, Staff, Member];

    public static readonly IReadOnlyList<(string Name, string City, string Address)> Stores =
    [
        ("Covent Garden", "London", "12 Long Acre, WC2E 9LH"),
        ("Manchester Arndale", "Manchester", "49 Market Street, M4 3AQ"),
        ("Edinburgh Princes Street", "Edinburgh", "84 Princes Street, EH2 2ER"),
        ("Bristol Cabot Circus", "Bristol", "Glass House, BS1 3BX"),
        ("Leeds Trinity", "Leeds", "27 Albion Street, LS1 5AT"),
    ];

    /// <summary>Two more staff per store, so history and notes have real authors.</summary>
    public static readonly IReadOnlyList<(string Name, string StoreName)> ExtraStaff =
    [
        ("Priya Shah", "Covent Garden"), ("Tom Fletcher", "Manchester Arndale"), ("Chloe Burns", "Manchester Arndale"),
        ("Ewan Fraser", "Edinburgh Princes Street"), ("Isla Grant", "Edinburgh Princes Street"), ("Kofi Mensah", "Bristol Cabot Circus"),
        ("Lucy Hale", "Bristol Cabot Circus"), ("Ade Bello", "Leeds Trinity"), ("Hannah Lee", "Leeds Trinity"),
    ];

    public static string EmailFor(string staffName) => staffName.ToLowerInvariant().Replace(' ', '.') + "@loyaltyportal.test";
}
