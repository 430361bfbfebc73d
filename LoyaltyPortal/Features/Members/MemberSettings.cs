namespace LoyaltyPortal.Features.Members;

public sealed class MemberSettings
{
    public const string Section = "Members";

    /// <summary>
    /// The programme's home region (ISO 3166, such as GB): national phone numbers ("07400 123456") are read as its
    /// numbers, and its numbers are shown in national form, others in international form.
    /// </summary>
    public string DefaultRegion { get; set; } = "GB";
}
