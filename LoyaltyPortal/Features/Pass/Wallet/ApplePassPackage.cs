using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoyaltyPortal.Features.Pass.Wallet;

/// <summary>What goes on a wallet pass: the member, and the same signed, expiring token the QR on My pass carries.</summary>
public sealed record WalletPassContent(string MemberCode, string PreferredName, string? TierName, string Token, DateTime ExpiresAt);

/// <summary>
/// A .pkpass as Apple specifies it: a zip of pass.json, the images, manifest.json (the SHA-1 of every other file) and
/// "signature", a detached PKCS#7 signature over manifest.json by the Pass Type ID certificate.
/// </summary>
internal static class ApplePassPackage
{
    public const string ContentType = "application/vnd.apple.pkpass";

    public static byte[] Build(WalletPassContent pass, WalletOptions options, X509Certificate2 signer, X509Certificate2? wwdr, DateTime now)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["pass.json"] = PassJson(pass, options),
            ["icon.png"] = WalletImages.Icon,
            ["icon@2x.png"] = WalletImages.Icon2x,
            ["logo.png"] = WalletImages.Logo,
            ["logo@2x.png"] = WalletImages.Logo2x,
        };
        var manifest = new JsonObject();
        foreach (var (name, bytes) in files) manifest[name] = Convert.ToHexStringLower(SHA1.HashData(bytes));
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files) Add(archive, name, bytes);
            Add(archive, "manifest.json", manifestBytes);
            Add(archive, "signature", Sign(manifestBytes, signer, wwdr, now));
        }
        return zip.ToArray();
    }

    internal static byte[] PassJson(WalletPassContent pass, WalletOptions options)
    {
        var barcode = new JsonObject
        {
            ["format"] = "PKBarcodeFormatQR",
            ["message"] = pass.Token,
            ["messageEncoding"] = "iso-8859-1",
            ["altText"] = pass.MemberCode,
        };
        var secondary = new JsonArray();
        if (pass.TierName is { Length: > 0 } tier) secondary.Add(Field("tier", "Tier", tier));
        var json = new JsonObject
        {
            ["formatVersion"] = 1,
            ["passTypeIdentifier"] = options.Apple.PassTypeIdentifier,
            ["teamIdentifier"] = options.Apple.TeamIdentifier,
            // The member code changes when the pass is reset, so a reset pass is a new pass, not an update of the old one.
            ["serialNumber"] = pass.MemberCode,
            ["organizationName"] = options.OrganisationName,
            ["description"] = options.Description,
            ["logoText"] = options.OrganisationName,
            ["foregroundColor"] = "rgb(255, 255, 255)",
            ["labelColor"] = "rgb(214, 240, 229)",
            ["backgroundColor"] = "rgb(11, 110, 79)",
            // Wallet greys the pass out once its code would be refused at the counter.
            ["expirationDate"] = new DateTimeOffset(pass.ExpiresAt, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["barcodes"] = new JsonArray(barcode),
            ["barcode"] = barcode.DeepClone(), // iOS 8 and older read only this
            ["storeCard"] = new JsonObject
            {
                ["primaryFields"] = new JsonArray(Field("name", "Member", pass.PreferredName)),
                ["secondaryFields"] = secondary,
                ["auxiliaryFields"] = new JsonArray(Field("code", "Member code", pass.MemberCode)),
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(json);
    }

    private static JsonObject Field(string key, string label, string value) => new() { ["key"] = key, ["label"] = label, ["value"] = value };

    private static byte[] Sign(byte[] manifest, X509Certificate2 signer, X509Certificate2? wwdr, DateTime now)
    {
        var cms = new SignedCms(new ContentInfo(manifest), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer) { IncludeOption = X509IncludeOption.EndCertOnly };
        if (wwdr is not null) cmsSigner.Certificates.Add(wwdr);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(now));
        cms.ComputeSignature(cmsSigner);
        return cms.Encode();
    }

    private static void Add(ZipArchive archive, string name, byte[] bytes)
    {
        using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(bytes);
    }
}
