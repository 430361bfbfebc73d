using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoyaltyPortal.Features.Pass.Wallet;

/// <summary>
/// A "Save to Google Wallet" link: the configured save address and a JWT (RS256, signed by the service account) whose
/// payload is the member's loyalty object. Google creates the object when the member saves it, so nothing is sent ahead.
/// </summary>
internal static class GoogleWalletLink
{
    public const string Audience = "google";
    public const string SaveType = "savetowallet";

    public static string Build(WalletPassContent pass, WalletOptions options, RSA key, DateTime now)
    {
        var google = options.Google;
        var expires = new DateTimeOffset(pass.ExpiresAt, TimeSpan.Zero);
        var loyaltyObject = new JsonObject
        {
            // One object per issued pass: Google ignores a save of an id it already holds, which would keep an expired code.
            ["id"] = $"{google.IssuerId}.{pass.MemberCode}-{expires.ToUnixTimeSeconds()}",
            ["classId"] = $"{google.IssuerId}.{google.ClassSuffix}",
            ["state"] = "ACTIVE",
            ["accountId"] = pass.MemberCode,
            ["accountName"] = pass.PreferredName,
            ["barcode"] = new JsonObject { ["type"] = "QR_CODE", ["value"] = pass.Token, ["alternateText"] = pass.MemberCode },
            ["validTimeInterval"] = new JsonObject { ["end"] = new JsonObject { ["date"] = expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") } },
        };
        if (pass.TierName is { Length: > 0 } tier)
            loyaltyObject["textModulesData"] = new JsonArray(new JsonObject { ["id"] = "tier", ["header"] = "Tier", ["body"] = tier });
        var payload = new JsonObject { ["loyaltyObjects"] = new JsonArray(loyaltyObject) };

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = google.ServiceAccountEmail,
            Audience = Audience,
            IssuedAt = now,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["typ"] = SaveType,
                ["payload"] = JsonSerializer.SerializeToElement(payload),
            },
        };
        // No exp or nbf: the code inside carries its own expiry, and the handler's defaults read the wall clock.
        var jwt = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        return google.SaveLinkBase + jwt;
    }
}
