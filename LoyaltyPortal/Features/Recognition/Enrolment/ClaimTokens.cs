using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace LoyaltyPortal.Features.Recognition;

/// <summary>What a claim link says: this member, at this email, until then.</summary>
public sealed record ClaimToken(int MemberId, string Email, DateTime ExpiresAt);

/// <summary>
/// The token in a claim-account link, bound to the member and the email it was sent to and good for
/// <see cref="Lifetime"/>. Data Protection encrypts and signs it; the expiry inside is checked against the app's
/// <see cref="TimeProvider"/> rather than by <c>ITimeLimitedDataProtector</c>, which reads the wall clock, so an
/// expired link can be told apart from a tampered one and tests can move time.
/// </summary>
public sealed class ClaimTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector protector = protection.CreateProtector("LoyaltyPortal.MemberClaim.v1");

    public string Create(int memberId, string email)
    {
        var expires = clock.GetUtcNow().UtcDateTime.Add(Lifetime);
        return protector.Protect(string.Join('\n', memberId.ToString(CultureInfo.InvariantCulture), Normalize(email), expires.Ticks.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The token's content, or null when it is not one of ours; <paramref name="expired"/> says whether its time is up.</summary>
    public ClaimToken? Read(string? token, out bool expired)
    {
        expired = false;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2_000) return null;
        string text;
        try
        {
            text = protector.Unprotect(token.Trim());
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = text.Split('\n');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var memberId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }
        var expiresAt = new DateTime(ticks, DateTimeKind.Utc);
        expired = clock.GetUtcNow().UtcDateTime > expiresAt;
        return new ClaimToken(memberId, parts[1], expiresAt);
    }

    /// <summary>Emails compare as the member's search form stores them.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
