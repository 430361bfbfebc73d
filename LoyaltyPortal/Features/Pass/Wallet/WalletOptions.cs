namespace LoyaltyPortal.Features.Pass.Wallet;

/// <summary>
/// Wallet passes (section "Wallet"). Each wallet is offered only when its signing key is configured; without one the
/// button is hidden and the download refuses with a clear message.
/// </summary>
public sealed class WalletOptions
{
    public const string Section = "Wallet";

    /// <summary>How long the code inside a wallet pass keeps working; the member adds a fresh pass after that.</summary>
    public int TokenLifetimeDays { get; set; } = 30;

    public string OrganisationName { get; set; } = "LoyaltyPortal";
    public string Description { get; set; } = "LoyaltyPortal membership pass";

    public AppleWalletOptions Apple { get; set; } = new();
    public GoogleWalletOptions Google { get; set; } = new();

    /// <summary>The first configuration mistake, or null; checked at start so a half-configured wallet fails loudly.</summary>
    public string? Problem()
    {
        if (TokenLifetimeDays is < 1 or > PassOptions.MaxTokenLifetimeMinutes / (24 * 60))
            return "Wallet:TokenLifetimeDays must be between 1 and 30.";
        if (Apple.IsConfigured && (string.IsNullOrWhiteSpace(Apple.PassTypeIdentifier) || string.IsNullOrWhiteSpace(Apple.TeamIdentifier)))
            return "Wallet:Apple:CertificatePath is set, so Wallet:Apple:PassTypeIdentifier and Wallet:Apple:TeamIdentifier are needed too.";
        if (Google.IsConfigured && (string.IsNullOrWhiteSpace(Google.IssuerId) || string.IsNullOrWhiteSpace(Google.ClassSuffix)))
            return "Wallet:Google:ServiceAccountEmail is set, so Wallet:Google:IssuerId and Wallet:Google:ClassSuffix are needed too.";
        if (Google.IsConfigured && string.IsNullOrWhiteSpace(Google.PrivateKeyPem))
            return "Wallet:Google:ServiceAccountEmail is set, so Wallet:Google:PrivateKeyPem is needed too.";
        if (!Uri.TryCreate(Google.SaveLinkBase, UriKind.Absolute, out var save) || save.Scheme != Uri.UriSchemeHttps || !Google.SaveLinkBase.EndsWith('/'))
            return "Wallet:Google:SaveLinkBase must be an https address ending in '/'.";
        return null;
    }
}

public sealed class AppleWalletOptions
{
    /// <summary>The Pass Type ID certificate with its private key, as a .pfx/.p12 file.</summary>
    public string CertificatePath { get; set; } = "";
    public string CertificatePassword { get; set; } = "";

    /// <summary>Apple's WWDR intermediate certificate (.cer, DER or PEM), included in the signature when set.</summary>
    public string WwdrCertificatePath { get; set; } = "";

    /// <summary>For example pass.com.example.loyalty; must match the certificate.</summary>
    public string PassTypeIdentifier { get; set; } = "";
    public string TeamIdentifier { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);
}

public sealed class GoogleWalletOptions
{
    /// <summary>The Google Wallet issuer id (digits) that owns the loyalty class.</summary>
    public string IssuerId { get; set; } = "";

    /// <summary>The loyalty class made once in the Google Pay &amp; Wallet console; the class id is IssuerId.ClassSuffix.</summary>
    public string ClassSuffix { get; set; } = "";

    /// <summary>The service account that signs save links, and its private key (PEM, from the account's JSON key file).</summary>
    public string ServiceAccountEmail { get; set; } = "";
    public string PrivateKeyPem { get; set; } = "";

    /// <summary>Fixed here rather than built from the request, so a forged Host header can't redirect members.</summary>
    public string SaveLinkBase { get; set; } = "https://pay.google.com/gp/v/save/";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ServiceAccountEmail);
}

/// <summary>Refuses to start with a half-configured wallet, naming the missing setting.</summary>
internal sealed class WalletOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<WalletOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, WalletOptions options) =>
        options.Problem() is { } problem
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
