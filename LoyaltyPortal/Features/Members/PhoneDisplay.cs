using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Members;

/// <summary>
/// How every page shows a stored (E.164) phone number: "07400 123456" for the programme's own country, "+33 6 12 34 56 78"
/// for others. Storage, search and exports keep E.164, which is what other systems read.
/// </summary>
public sealed class PhoneDisplay(IOptions<MemberSettings> settings)
{
    public string? Format(string? stored) => MemberRules.FormatPhone(stored, settings.Value.DefaultRegion);
}
