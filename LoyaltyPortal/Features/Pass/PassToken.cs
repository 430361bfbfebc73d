using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace LoyaltyPortal.Features.Pass;

/// <summary>What a pass token carries: whose pass, which pass, and until when.</summary>
internal readonly record struct PassPayload(int MemberId, int PassVersion, DateTime ExpiresAt);

/// <summary>
/// The text inside the QR code: "LP1." and the Data Protection ciphertext of a <see cref="PassPayload"/>, base64url.
/// Data Protection both encrypts and authenticates, so the member id stays hidden and a changed byte is refused.
/// The expiry travels inside the payload and is checked against <see cref="TimeProvider"/>: the time-limited
/// protector reads the wall clock, which tests cannot move, and would add eight bytes to every code.
/// </summary>
internal static class PassToken
{
    public const string Prefix = "LP1.";

    /// <summary>Far above a real token (about 140 characters); anything longer is not worth decoding.</summary>
    public const int MaxLength = 400;

    private const int PayloadLength = 12; // one AES block after padding keeps the code small

    public static string Write(IDataProtector protector, PassPayload payload)
    {
        Span<byte> plain = stackalloc byte[PayloadLength];
        BinaryPrimitives.WriteInt32BigEndian(plain, payload.MemberId);
        BinaryPrimitives.WriteInt32BigEndian(plain[4..], payload.PassVersion);
        // Whole seconds since 1970 fit four bytes until 2106.
        BinaryPrimitives.WriteUInt32BigEndian(plain[8..], (uint)new DateTimeOffset(payload.ExpiresAt, TimeSpan.Zero).ToUnixTimeSeconds());
        return Prefix + Base64Url.EncodeToString(protector.Protect(plain.ToArray()));
    }

    /// <summary>The payload of a genuine token for this purpose; null for anything else, whatever it is.</summary>
    public static PassPayload? Read(IDataProtector protector, string? text)
    {
        if (!LooksLikeToken(text)) return null;
        var body = text!.Trim().AsSpan(Prefix.Length);
        if (!Base64Url.IsValid(body)) return null;
        byte[] plain;
        try
        {
            plain = protector.Unprotect(Base64Url.DecodeFromChars(body));
        }
        catch (CryptographicException)
        {
            return null; // tampered, truncated, made for another purpose, or signed with a key this app never had
        }
        catch (FormatException)
        {
            return null;
        }
        if (plain.Length != PayloadLength) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(8))).UtcDateTime;
        return new PassPayload(BinaryPrimitives.ReadInt32BigEndian(plain), BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(4)), expires);
    }

    public static bool LooksLikeToken(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return false;
        var trimmed = text.AsSpan().Trim();
        return trimmed.Length > Prefix.Length && trimmed.StartsWith(Prefix, StringComparison.Ordinal);
    }
}
