using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace LoyaltyPortal.Features.Integration.Webhooks;

/// <summary>
/// Signing secrets in the Standard Webhooks form (<c>whsec_</c> and 32 random bytes in base64). The database keeps them
/// only protected by ASP.NET Data Protection; the manager sees the clear secret once, when the endpoint is created.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const string Prefix = "whsec_";

    private readonly IDataProtector protector = dataProtection.CreateProtector("LoyaltyPortal.Webhooks.SigningSecret.v1");

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
