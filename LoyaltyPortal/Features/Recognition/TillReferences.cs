namespace LoyaltyPortal.Features.Recognition;

/// <summary>
/// The references a till gives its sales and returns. They become part of ledger source keys, so they are short and
/// plain: a sale's key is unique per store, which makes the same sale sent twice one purchase.
/// </summary>
public static class TillReferences
{
    public const int MaxLength = 64;

    public static string? Problem(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return "Give the till's transaction reference.";
        if (reference.Length > MaxLength) return $"A reference has at most {MaxLength} characters.";
        return reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '#')
            ? null
            : "A reference uses only letters, digits and - _ . / #.";
    }

    public static string PurchaseKey(int storeId, string transactionReference) => $"purchase:{storeId}:txn:{transactionReference}";

    /// <summary>Every refund of one sale starts with this, so their total can be read by prefix.</summary>
    public static string RefundKeyPrefix(int storeId, string transactionReference) => $"refund:{storeId}:txn:{transactionReference}:";
}
