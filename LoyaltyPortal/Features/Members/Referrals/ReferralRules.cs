using System.Security.Cryptography;

namespace LoyaltyPortal.Features.Members.Referrals;

/// <summary>
/// What a referral code looks like: "REF-" and six letters from the member-code alphabet (no 0/O or 1/I to confuse),
/// so it can never be mistaken for an eight-character member code. Read case-insensitively, with or without the dash.
/// </summary>
public static class ReferralRules
{
    public const string Prefix = "REF-";
    public const int SuffixLength = 6;
    public const int Length = 10;

    /// <summary>The stored form ("REF-K7M2QP") of what someone typed, or null when it is not a referral code.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40) return null;
        var compact = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        if (compact.Length != Prefix.Length - 1 + SuffixLength || !compact.StartsWith("REF", StringComparison.Ordinal)) return null;
        var suffix = compact[3..];
        return suffix.All(c => MemberRules.CodeAlphabet.Contains(c, StringComparison.Ordinal)) ? Prefix + suffix : null;
    }

    public static string NewCode() =>
        Prefix + string.Create(SuffixLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = MemberRules.CodeAlphabet[RandomNumberGenerator.GetInt32(MemberRules.CodeAlphabet.Length)];
        });

    /// <summary>
    /// A scrambled but collision-free code per member id, for bulk-generated members: multiplying by an odd number and
    /// xor-shifting are invertible on 30 bits (six letters of 32), so distinct ids below 2^30 get distinct codes.
    /// </summary>
    public static string CodeFor(int id)
    {
        const ulong mask = (1UL << 30) - 1;
        var x = ((ulong)id * 0x2C9277B5UL) & mask;
        x ^= x >> 15;
        x = (x * 0x1B873593UL) & mask;
        x ^= x >> 11;
        return Prefix + string.Create(SuffixLength, x, (span, value) =>
        {
            for (var i = span.Length - 1; i >= 0; i--, value >>= 5) span[i] = MemberRules.CodeAlphabet[(int)(value & 31)];
        });
    }

    /// <summary>The link a member shares: the registration page with their code filled in.</summary>
    public static string LinkFor(string baseUri, string code) => $"{baseUri.TrimEnd('/')}/Account/Register?ref={Uri.EscapeDataString(code)}";
}
