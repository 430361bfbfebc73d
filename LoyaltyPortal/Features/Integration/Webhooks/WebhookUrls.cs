using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>Which receiver addresses a manager may register, and which addresses the sender may connect to.</summary>
public static class WebhookUrls
{
    /// <summary>
    /// Null when <paramref name="url"/> is acceptable, else the message to show beside the field, in the reader's language
    /// when <paramref name="text"/> is given (English without).
    /// </summary>
    public static string? Validate(string? url, bool allowInsecure, IStringLocalizer<IntegrationText>? text = null)
    {
        string Say(string message, params object[] values) =>
            text is null ? string.Format(CultureInfo.InvariantCulture, message, values) : text[message, values];

        if (string.IsNullOrWhiteSpace(url)) return Say("Enter the receiver's URL, such as https://crm.example.com/hooks/loyalty.");
        if (url.Length > WebhookEndpoint.UrlMaxLength) return Say("Use a URL of at most {0} characters.", WebhookEndpoint.UrlMaxLength);
        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return Say("A URL has no spaces or line breaks.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return Say("Enter a full URL, such as https://crm.example.com/hooks/loyalty.");
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return Say("Use an https:// address.");
        if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecure) return Say("Use https://. Plain http is allowed only in development.");
        if (!string.IsNullOrEmpty(uri.UserInfo)) return Say("Leave user names and passwords out of the URL: the signature proves each call comes from us.");
        if (!allowInsecure && IsLocalHost(uri)) return Say("Use a public address; local and private network addresses are allowed only in development.");
        return null;
    }

    private static bool IsLocalHost(Uri uri) =>
        uri.IsLoopback || uri.HostNameType == UriHostNameType.Basic
        || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsPublic(address));

    /// <summary>False for loopback, private, link-local, carrier-grade NAT and unspecified addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first & 0xFE) == 0xFC);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127));
    }
}
