namespace LoyaltyPortal.Data;

public static class Roles
{
    public const string Manager = "Manager";
    public const string Staff = "Staff";
    public const string Member = "Member";

    public const string StaffOrManager = Staff + "," + Manager;

    public static readonly IReadOnlyList<string> All = [Manager, Staff, Member];
}
