namespace LoyaltyPortal.Features.Members;

public sealed class MemberSettings
{
    public const string Section = "Members";

    /// <summary>Country calling code used for national phone numbers that start with 0.</summary>
    public string DefaultCountryCode { get; set; } = "44";
}
