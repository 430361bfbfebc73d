using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoyaltyPortal.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyPortal.Tests.Hosting;

/// <summary>Outside Development the portal refuses unsafe settings at start and serves only over HTTPS, to its own host.</summary>
public sealed class ProductionDefaultsTests : IAsyncDisposable
{
    private const string PublicBase = "https://portal.example/";

    private readonly PortalAppFactory app = new(new Dictionary<string, string?> { ["Database:DemoMembers"] = "0" });

    /// <summary>The app in Production with the settings a real deployment needs, plus <paramref name="settings"/>.</summary>
    private WebApplicationFactory<Program> Production(IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null) =>
        app.WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            var all = new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = PublicBase, ["Email:AllowFolderDelivery"] = "true", ["https_port"] = "443" };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
            foreach (var (key, value) in all) web.UseSetting(key, value);
            if (logs is not null) web.ConfigureLogging(l => l.AddProvider(logs));
        });

    [Fact]
    public void Production_refuses_to_start_with_folder_delivery_unless_allowed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Production(new Dictionary<string, string?> { ["Email:AllowFolderDelivery"] = "false" }).Services);

        Assert.Contains("Email:AllowFolderDelivery=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_starts_with_folder_delivery_when_it_is_allowed_on_purpose()
    {
        Assert.NotNull(Production().Services.GetRequiredService<LoyaltyPortal.Features.Notifications.IEmailSender>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("portal.example")]
    [InlineData("ftp://portal.example/")]
    public void Production_refuses_to_start_without_an_absolute_http_public_base_url(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Production(new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = value }).Services);

        Assert.Contains("Portal:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_refuses_to_start_with_allowed_hosts_star()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Production(new Dictionary<string, string?> { ["AllowedHosts"] = "*" }).Services);

        Assert.Contains("AllowedHosts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_answers_only_its_public_host()
    {
        var production = Production();
        using var forged = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example/"), AllowAutoRedirect = false });
        using var real = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicBase), AllowAutoRedirect = false });

        using var forgedResponse = await forged.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        using var realResponse = await real.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, realResponse.StatusCode);
    }

    [Fact]
    public async Task Production_redirects_http_to_https_and_sends_hsts_and_secure_cookies()
    {
        var production = Production();
        using var plain = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://portal.example/"), AllowAutoRedirect = false });
        using var secure = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicBase), AllowAutoRedirect = false });

        using var redirected = await plain.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        using var page = await secure.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.True(PortalClient.IsRedirect(redirected.StatusCode), $"Expected a redirect, got {(int)redirected.StatusCode}");
        Assert.Equal("https://portal.example/Account/Login", redirected.Headers.Location?.AbsoluteUri);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Development_keeps_plain_http_cookies_for_the_local_run()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.All(page.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Production_warns_at_start_when_data_protection_keys_are_not_protected()
    {
        using var logs = new CapturingLoggerProvider();

        _ = Production(logs: logs).Services;

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message == PortalSecurity.UnprotectedKeysWarning);
    }

    [Fact]
    public async Task Data_protection_keys_are_encrypted_at_rest_with_the_configured_certificate()
    {
        var certificate = Path.Combine(app.DataFolder + "-cert.pfx");
        File.WriteAllBytes(certificate, SelfSignedPfx("Cert#Pass1"));
        using var logs = new CapturingLoggerProvider();
        try
        {
            var production = Production(new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = certificate, ["DataProtection:CertificatePassword"] = "Cert#Pass1",
            }, logs);
            var protector = production.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            Assert.Equal("secret", protector.Unprotect(protector.Protect("secret")));

            await using var db = await production.Services.GetRequiredService<IDbContextFactory<LoyaltyPortal.Data.LoyaltyDbContext>>()
                .CreateDbContextAsync(TestContext.Current.CancellationToken);
            var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });
            Assert.DoesNotContain(logs.Entries, e => e.Message == PortalSecurity.UnprotectedKeysWarning);
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    private static byte[] SelfSignedPfx(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=LoyaltyPortal keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return cert.Export(X509ContentType.Pfx, password);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
