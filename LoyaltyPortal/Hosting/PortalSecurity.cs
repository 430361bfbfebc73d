using System.Net;
using System.Security.Cryptography.X509Certificates;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Notifications;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace LoyaltyPortal.Hosting;

/// <summary>
/// What the portal needs to be safe on the internet: links built from a configured public address, host filtering,
/// trusted proxies only by configuration, secure cookies, protected Data Protection keys and no mail dropped in a folder.
/// Development keeps the zero-setup defaults; every other environment refuses to start when a setting is unsafe.
/// </summary>
public static class PortalSecurity
{
    public const string AllowFolderDeliveryKey = EmailOptions.Section + ":" + nameof(EmailOptions.AllowFolderDelivery);
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";
    public const string UnprotectedKeysWarning =
        "Data Protection keys are stored in the database unencrypted: set DataProtection:CertificatePath to protect them at rest.";

    public static void AddPortalSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        var services = builder.Services;

        var publicBaseUrl = configuration[PortalOptions.Section + ":" + nameof(PortalOptions.PublicBaseUrl)];
        if (!PortalOptions.IsValidBaseUrl(publicBaseUrl)) throw new InvalidOperationException(PublicLinks.PublicBaseUrlMessage);
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<HostFilteringOptions>(o => o.AllowedHosts = AllowedHosts(configuration, development, new Uri(publicBaseUrl!)));

        var delivery = configuration.GetValue(EmailOptions.Section + ":" + nameof(EmailOptions.Delivery), EmailDelivery.Folder);
        if (!development && delivery == EmailDelivery.Folder && !(bool.TryParse(configuration[AllowFolderDeliveryKey], out var allowed) && allowed))
        {
            throw new InvalidOperationException(
                $"Email:Delivery is Folder outside Development, so no member would get an email. Configure SMTP, or set {AllowFolderDeliveryKey}=true on purpose.");
        }

        services.Configure<ForwardedHeadersOptions>(o => ConfigureForwardedHeaders(o, configuration));

        // Outside Development every cookie (sign-in, two-factor, external, antiforgery) travels over HTTPS only.
        var secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = secure);

        var keys = services.AddDataProtection().SetApplicationName("LoyaltyPortal").PersistKeysToDbContext<LoyaltyDbContext>();
        if (configuration[CertificatePathKey] is { Length: > 0 } certificatePath)
        {
            keys.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration[CertificatePasswordKey]));
        }
    }

    /// <summary>Warnings a production operator should see once at start.</summary>
    public static void WarnAboutUnsafeSettings(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && string.IsNullOrEmpty(app.Configuration[CertificatePathKey]))
        {
            app.Logger.LogWarning(UnprotectedKeysWarning);
        }
    }

    /// <summary>
    /// AllowedHosts as configured; outside Development "*" is refused and an unset value means the public address's host,
    /// so a request naming any other host is answered 400 before it reaches a page.
    /// </summary>
    private static List<string> AllowedHosts(IConfiguration configuration, bool development, Uri publicBase)
    {
        var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (development) return hosts.Count > 0 ? hosts : ["*"];
        if (hosts.Contains("*"))
        {
            throw new InvalidOperationException("AllowedHosts is \"*\" outside Development: list the host names the portal answers to, separated by ';'.");
        }
        return hosts.Count > 0 ? hosts : [publicBase.IdnHost];
    }

    /// <summary>
    /// X-Forwarded-For and -Proto are believed only from ForwardedHeaders:KnownProxies / KnownNetworks. Without them
    /// only a proxy on this machine (loopback) is believed, so a client can't choose its own address by sending the header.
    /// </summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var proxies = Values(configuration, "ForwardedHeaders:KnownProxies");
        var networks = Values(configuration, "ForwardedHeaders:KnownNetworks");
        if (proxies.Count == 0 && networks.Count == 0) return;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in networks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        options.ForwardLimit = null;
    }

    /// <summary>A list from configuration, either as an array section or as one ';'/','-separated value.</summary>
    private static List<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var items = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return items.SelectMany(v => (v ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
    }
}
