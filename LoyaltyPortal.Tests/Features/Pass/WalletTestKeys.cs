using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoyaltyPortal.Features.Pass.Wallet;

namespace LoyaltyPortal.Tests.Features.Pass;

/// <summary>
/// Signing material made in the test, never a real Apple or Google key: a self-signed "Pass Type ID" certificate as a
/// password-protected PFX, a self-signed stand-in for Apple's WWDR intermediate, and an RSA key as a service account's PEM.
/// </summary>
internal sealed class WalletTestKeys : IDisposable
{
    public const string Password = "test-only-password";
    public const string ServiceAccount = "wallet-signer@loyalty-test.iam.gserviceaccount.com";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "wallet-keys-" + Guid.NewGuid().ToString("N"));

    public X509Certificate2 Signer { get; }
    public X509Certificate2 Wwdr { get; }
    public RSA GoogleKey { get; } = RSA.Create(2048);
    public string PfxPath => Path.Combine(folder, "pass.pfx");
    public string WwdrPath => Path.Combine(folder, "wwdr.cer");

    public WalletTestKeys()
    {
        Directory.CreateDirectory(folder);
        Signer = SelfSigned("CN=Pass Type ID: pass.test.loyalty, OU=TEAM123456");
        Wwdr = SelfSigned("CN=Test WWDR stand-in");
        File.WriteAllBytes(PfxPath, Signer.Export(X509ContentType.Pfx, Password));
        File.WriteAllBytes(WwdrPath, Wwdr.Export(X509ContentType.Cert));
    }

    /// <summary>Both wallets set up, as the README's "Wallet passes" describes.</summary>
    public WalletOptions Options() => new()
    {
        OrganisationName = "Test Loyalty",
        Description = "Test Loyalty membership",
        Apple = new AppleWalletOptions
        {
            CertificatePath = PfxPath, CertificatePassword = Password, WwdrCertificatePath = WwdrPath,
            PassTypeIdentifier = "pass.test.loyalty", TeamIdentifier = "TEAM123456",
        },
        Google = new GoogleWalletOptions
        {
            IssuerId = "3388000000012345678", ClassSuffix = "members", ServiceAccountEmail = ServiceAccount,
            // As it sits in a service account's JSON key file: one line with "\n" escapes.
            PrivateKeyPem = GoogleKey.ExportPkcs8PrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal),
        },
    };

    /// <summary>The same settings as configuration keys, for the running app.</summary>
    public Dictionary<string, string?> Settings()
    {
        var o = Options();
        return new()
        {
            ["Wallet:Apple:CertificatePath"] = o.Apple.CertificatePath,
            ["Wallet:Apple:CertificatePassword"] = o.Apple.CertificatePassword,
            ["Wallet:Apple:WwdrCertificatePath"] = o.Apple.WwdrCertificatePath,
            ["Wallet:Apple:PassTypeIdentifier"] = o.Apple.PassTypeIdentifier,
            ["Wallet:Apple:TeamIdentifier"] = o.Apple.TeamIdentifier,
            ["Wallet:Google:IssuerId"] = o.Google.IssuerId,
            ["Wallet:Google:ClassSuffix"] = o.Google.ClassSuffix,
            ["Wallet:Google:ServiceAccountEmail"] = o.Google.ServiceAccountEmail,
            ["Wallet:Google:PrivateKeyPem"] = o.Google.PrivateKeyPem,
        };
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    public void Dispose()
    {
        Signer.Dispose();
        Wwdr.Dispose();
        GoogleKey.Dispose();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* removed with the temp folder later */ }
    }
}
