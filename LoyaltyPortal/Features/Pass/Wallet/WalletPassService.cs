using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Pass.Wallet;

/// <summary>A .pkpass to download, or why not.</summary>
public sealed record AppleWalletPass(byte[]? Package, string? Problem);

/// <summary>A Save to Google Wallet link, or why not.</summary>
public sealed record GoogleWalletSaveLink(string? Link, string? Problem);

/// <summary>
/// The member's pass in Apple Wallet or Google Wallet. Always the signed-in member's own pass (found from the login,
/// never from an id sent in), carrying a token from <see cref="PassService"/>, so resetting the pass voids wallet copies too.
/// </summary>
public sealed class WalletPassService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, PassService passes, ActiveCallers callers, TimeProvider clock, IOptions<WalletOptions> options)
{
    public const string AppleNotSetUp = "Apple Wallet passes are not set up for this programme. Show the code on My pass instead.";
    public const string GoogleNotSetUp = "Google Wallet passes are not set up for this programme. Show the code on My pass instead.";
    public const string NoProfile = "There is no member profile linked to this account.";

    private readonly Lazy<(X509Certificate2 Signer, X509Certificate2? Wwdr)> appleCertificates = new(() => LoadAppleCertificates(options.Value.Apple));
    private readonly Lazy<RSA> googleKey = new(() => LoadGoogleKey(options.Value.Google));

    public bool AppleAvailable => options.Value.Apple.IsConfigured;
    public bool GoogleAvailable => options.Value.Google.IsConfigured;
    public int TokenLifetimeDays => options.Value.TokenLifetimeDays;

    public async Task<AppleWalletPass> GetApplePassAsync(Caller caller, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsMember, "Only members add their pass to a wallet.", ct);
        if (!AppleAvailable) return new(null, AppleNotSetUp);
        if (await ContentAsync(caller, ct) is not { } pass) return new(null, NoProfile);
        var (signer, wwdr) = appleCertificates.Value;
        return new(ApplePassPackage.Build(pass, options.Value, signer, wwdr, clock.GetUtcNow().UtcDateTime), null);
    }

    public async Task<GoogleWalletSaveLink> GetGoogleSaveLinkAsync(Caller caller, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsMember, "Only members add their pass to a wallet.", ct);
        if (!GoogleAvailable) return new(null, GoogleNotSetUp);
        if (await ContentAsync(caller, ct) is not { } pass) return new(null, NoProfile);
        return new(GoogleWalletLink.Build(pass, options.Value, googleKey.Value, clock.GetUtcNow().UtcDateTime), null);
    }

    private async Task<WalletPassContent?> ContentAsync(Caller caller, CancellationToken ct)
    {
        var pass = await passes.IssueMyPassAsync(caller, TimeSpan.FromDays(options.Value.TokenLifetimeDays), ct);
        if (pass is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The tier held now; a member without a standing holds the entry tier (the lowest).
        var tier = await db.Members.AsNoTracking().Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)
            .Select(m => db.MemberStandings.Where(s => s.MemberId == m.Id).Join(db.Tiers, s => s.TierId, t => t.Id, (s, t) => t.Name).FirstOrDefault()
                ?? db.Tiers.OrderBy(t => t.Rank).Select(t => t.Name).FirstOrDefault())
            .FirstOrDefaultAsync(ct);
        return new WalletPassContent(pass.MemberCode, pass.PreferredName, tier, pass.Token, pass.ExpiresAt);
    }

    private static (X509Certificate2, X509Certificate2?) LoadAppleCertificates(AppleWalletOptions apple)
    {
        var signer = X509CertificateLoader.LoadPkcs12FromFile(apple.CertificatePath, apple.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        if (!signer.HasPrivateKey) throw new InvalidOperationException("Wallet:Apple:CertificatePath holds no private key; export the Pass Type ID certificate with its key.");
        var wwdr = string.IsNullOrWhiteSpace(apple.WwdrCertificatePath) ? null : X509CertificateLoader.LoadCertificateFromFile(apple.WwdrCertificatePath);
        return (signer, wwdr);
    }

    private static RSA LoadGoogleKey(GoogleWalletOptions google)
    {
        var rsa = RSA.Create();
        // Keys pasted from the service account's JSON file keep their "\n" escapes.
        rsa.ImportFromPem(google.PrivateKeyPem.Replace("\\n", "\n", StringComparison.Ordinal));
        return rsa;
    }
}
