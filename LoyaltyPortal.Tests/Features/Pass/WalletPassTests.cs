using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Pass;
using LoyaltyPortal.Features.Pass.Wallet;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoyaltyPortal.Tests.Features.Pass;

/// <summary>
/// Wallet passes: a signed .pkpass and a signed Google save link, each carrying the pass token that staff scan, for the
/// signed-in member only, and void once the member resets their pass.
/// </summary>
public sealed class WalletPassTests
{
    private const string HostileName = "Zoë \"Z\" O'Neil </script>\\";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(TestDb Db, WalletTestKeys Keys, WalletPassService Wallet, string MemberCode, Caller Me, Caller Staff) : IAsyncDisposable
    {
        public PassService Passes => Db.Get<PassService>();

        public async ValueTask DisposeAsync()
        {
            Keys.Dispose();
            await Db.DisposeAsync();
        }
    }

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider, string name = HostileName)
    {
        var db = await TestDb.CreateAsync(provider);
        var (member, me) = await db.AddMemberAsync(name);
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Staff", (await db.AddStoreAsync()).Id);
        var keys = new WalletTestKeys();
        var wallet = new WalletPassService(db.Factory, db.Get<PassService>(), db.Get<ActiveCallers>(), db.Clock,
            Microsoft.Extensions.Options.Options.Create(keys.Options()));
        return new Setup(db, keys, wallet, member.MemberCode, me!, staff);
    }

    private static Dictionary<string, byte[]> Unzip(byte[] package)
    {
        using var archive = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static async Task<Dictionary<string, byte[]>> ApplePassAsync(Setup s, Caller caller)
    {
        var pass = await s.Wallet.GetApplePassAsync(caller, Ct);
        Assert.Null(pass.Problem);
        return Unzip(pass.Package!);
    }

    private static string AppleToken(Dictionary<string, byte[]> files) =>
        JsonDocument.Parse(files["pass.json"]).RootElement.GetProperty("barcodes")[0].GetProperty("message").GetString()!;

    [Theory, AllProviders]
    public async Task Wallet_apple_pass_has_a_manifest_hashing_every_file_and_a_detached_signature_over_it(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);

        var files = await ApplePassAsync(s, s.Me);

        Assert.Equal(new[] { "icon.png", "icon@2x.png", "logo.png", "logo@2x.png", "manifest.json", "pass.json", "signature" }, files.Keys.Order(StringComparer.Ordinal));
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(files["manifest.json"])!;
        var hashed = files.Where(f => f.Key is not ("manifest.json" or "signature")).ToList();
        Assert.Equal(hashed.Select(f => f.Key).Order(StringComparer.Ordinal), manifest.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in hashed) Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(bytes)), manifest[name]);
        foreach (var image in hashed.Where(f => f.Key.EndsWith(".png", StringComparison.Ordinal)))
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Value[..4]);

        var signature = new SignedCms(new ContentInfo(files["manifest.json"]), detached: true);
        signature.Decode(files["signature"]);
        signature.CheckSignature(verifySignatureOnly: true); // throws if the manifest or signature was changed
        Assert.Equal(s.Keys.Signer.Thumbprint, signature.SignerInfos[0].Certificate!.Thumbprint);
        Assert.Contains(signature.Certificates.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>(), c => c.Thumbprint == s.Keys.Wwdr.Thumbprint);

        var tampered = new SignedCms(new ContentInfo([.. files["manifest.json"], (byte)' ']), detached: true);
        tampered.Decode(files["signature"]);
        Assert.ThrowsAny<CryptographicException>(() => tampered.CheckSignature(verifySignatureOnly: true));
    }

    [Theory, AllProviders]
    public async Task Wallet_apple_pass_json_names_the_member_and_carries_a_token_that_opens_their_card(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        await using var context = s.Db.NewContext();
        var entryTier = await context.Tiers.OrderBy(t => t.Rank).Select(t => t.Name).FirstAsync(Ct);

        var files = await ApplePassAsync(s, s.Me);

        var json = JsonDocument.Parse(files["pass.json"]).RootElement;
        Assert.Equal(("pass.test.loyalty", "TEAM123456", s.MemberCode), (json.GetProperty("passTypeIdentifier").GetString(),
            json.GetProperty("teamIdentifier").GetString(), json.GetProperty("serialNumber").GetString()));
        Assert.Equal(("Test Loyalty", "Test Loyalty membership"), (json.GetProperty("organizationName").GetString(), json.GetProperty("description").GetString()));
        var card = json.GetProperty("storeCard");
        Assert.Equal(HostileName, card.GetProperty("primaryFields")[0].GetProperty("value").GetString());
        Assert.Equal(entryTier, card.GetProperty("secondaryFields")[0].GetProperty("value").GetString());
        Assert.Equal(s.MemberCode, card.GetProperty("auxiliaryFields")[0].GetProperty("value").GetString());
        Assert.Equal("PKBarcodeFormatQR", json.GetProperty("barcodes")[0].GetProperty("format").GetString());
        Assert.Equal(s.Db.Clock.GetUtcNow().UtcDateTime.AddDays(30), json.GetProperty("expirationDate").GetDateTime().ToUniversalTime());

        Assert.Equal(new PassResolution(s.MemberCode, null), await s.Passes.ResolveAsync(s.Staff, AppleToken(files), Ct));
    }

    [Theory, AllProviders]
    public async Task Wallet_passes_stop_opening_the_card_after_the_member_resets_their_pass(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        var appleToken = AppleToken(await ApplePassAsync(s, s.Me));
        var google = await GoogleObject(await s.Wallet.GetGoogleSaveLinkAsync(s.Me, Ct), s.Keys);
        var googleToken = google.GetProperty("barcode").GetProperty("value").GetString();

        await s.Passes.ResetMyPassAsync(s.Me, Ct);

        Assert.Equal(new PassResolution(null, PassService.Replaced), await s.Passes.ResolveAsync(s.Staff, appleToken, Ct));
        Assert.Equal(new PassResolution(null, PassService.Replaced), await s.Passes.ResolveAsync(s.Staff, googleToken, Ct));
        var fresh = AppleToken(await ApplePassAsync(s, s.Me));
        Assert.True((await s.Passes.ResolveAsync(s.Staff, fresh, Ct)).Succeeded);
    }

    [Theory, AllProviders]
    public async Task Wallet_google_link_is_an_RS256_jwt_from_the_service_account_with_the_members_loyalty_object(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);

        var link = await s.Wallet.GetGoogleSaveLinkAsync(s.Me, Ct);

        Assert.StartsWith("https://pay.google.com/gp/v/save/", link.Link, StringComparison.Ordinal);
        var jwt = new JsonWebToken(link.Link!["https://pay.google.com/gp/v/save/".Length..]);
        Assert.Equal(("RS256", "savetowallet"), (jwt.Alg, jwt.GetClaim("typ").Value));
        var loyalty = await GoogleObject(link, s.Keys);
        Assert.Equal(("3388000000012345678.members", s.MemberCode, HostileName), (loyalty.GetProperty("classId").GetString(),
            loyalty.GetProperty("accountId").GetString(), loyalty.GetProperty("accountName").GetString()));
        Assert.StartsWith("3388000000012345678.", loyalty.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Tier", loyalty.GetProperty("textModulesData")[0].GetProperty("header").GetString());
        var barcode = loyalty.GetProperty("barcode");
        Assert.Equal(("QR_CODE", s.MemberCode), (barcode.GetProperty("type").GetString(), barcode.GetProperty("alternateText").GetString()));
        Assert.Equal(new PassResolution(s.MemberCode, null), await s.Passes.ResolveAsync(s.Staff, barcode.GetProperty("value").GetString(), Ct));
    }

    [Theory, AllProviders]
    public async Task Wallet_google_link_does_not_validate_with_another_key(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider);
        using var otherKey = RSA.Create(2048);

        var link = await s.Wallet.GetGoogleSaveLinkAsync(s.Me, Ct);

        var result = await Validate(link.Link!, otherKey);
        Assert.False(result.IsValid);
    }

    [Theory, AllProviders]
    public async Task Wallet_passes_are_only_ever_the_callers_own(DatabaseProvider provider)
    {
        await using var s = await SetUpAsync(provider, "Alex Morgan");
        var (other, otherCaller) = await s.Db.AddMemberAsync("Blake Other");

        var mine = await ApplePassAsync(s, s.Me);
        var theirs = await ApplePassAsync(s, otherCaller!);
        var myGoogle = await GoogleObject(await s.Wallet.GetGoogleSaveLinkAsync(s.Me, Ct), s.Keys);

        Assert.Equal(s.MemberCode, (await s.Passes.ResolveAsync(s.Staff, AppleToken(mine), Ct)).MemberCode);
        Assert.Equal(other.MemberCode, (await s.Passes.ResolveAsync(s.Staff, AppleToken(theirs), Ct)).MemberCode);
        Assert.Equal(s.MemberCode, (await s.Passes.ResolveAsync(s.Staff, myGoogle.GetProperty("barcode").GetProperty("value").GetString(), Ct)).MemberCode);
        Assert.DoesNotContain(other.MemberCode, System.Text.Encoding.UTF8.GetString(mine["pass.json"]), StringComparison.Ordinal);
        Assert.DoesNotContain("Blake", myGoogle.GetRawText(), StringComparison.Ordinal);
        // Staff and managers have no wallet pass of their own, and can't ask for a member's.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => s.Wallet.GetApplePassAsync(s.Staff, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => s.Wallet.GetGoogleSaveLinkAsync(s.Staff, Ct));
        // A member whose login claims a role it no longer holds is refused too.
        var forged = s.Me with { Roles = new HashSet<string> { Roles.Member, Roles.Manager } };
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => s.Wallet.GetApplePassAsync(forged, Ct));
    }

    [Fact]
    public async Task Wallet_not_configured_is_refused_with_a_clear_message_and_no_buttons()
    {
        await using var db = await TestDb.CreateAsync();
        var (_, me) = await db.AddMemberAsync();
        var wallet = db.Get<WalletPassService>();

        Assert.False(wallet.AppleAvailable);
        Assert.False(wallet.GoogleAvailable);
        Assert.Equal(new AppleWalletPass(null, WalletPassService.AppleNotSetUp), await wallet.GetApplePassAsync(me!, Ct));
        Assert.Equal(new GoogleWalletSaveLink(null, WalletPassService.GoogleNotSetUp), await wallet.GetGoogleSaveLinkAsync(me!, Ct));
    }

    [Fact]
    public void Wallet_settings_half_filled_in_name_what_is_missing()
    {
        Assert.Null(new WalletOptions().Problem());
        using var keys = new WalletTestKeys();
        Assert.Null(keys.Options().Problem());

        var apple = keys.Options();
        apple.Apple.TeamIdentifier = "";
        Assert.Contains("Wallet:Apple:TeamIdentifier", apple.Problem(), StringComparison.Ordinal);
        var google = keys.Options();
        google.Google.PrivateKeyPem = " ";
        Assert.Contains("Wallet:Google:PrivateKeyPem", google.Problem(), StringComparison.Ordinal);
        var redirect = keys.Options();
        redirect.Google.SaveLinkBase = "http://evil.example/";
        Assert.Contains("Wallet:Google:SaveLinkBase", redirect.Problem(), StringComparison.Ordinal);
        var lifetime = keys.Options();
        lifetime.TokenLifetimeDays = 31;
        Assert.Contains("Wallet:TokenLifetimeDays", lifetime.Problem(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> GoogleObject(GoogleWalletSaveLink link, WalletTestKeys keys)
    {
        var result = await Validate(link.Link!, keys.GoogleKey);
        Assert.True(result.IsValid, result.Exception?.Message);
        var payload = JsonDocument.Parse(((JsonWebToken)result.SecurityToken).GetClaim("payload").Value).RootElement;
        return payload.GetProperty("loyaltyObjects")[0];
    }

    private static Task<TokenValidationResult> Validate(string link, RSA key)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(key.ExportParameters(includePrivateParameters: false)),
            ValidIssuer = WalletTestKeys.ServiceAccount,
            ValidAudience = "google",
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        return new JsonWebTokenHandler().ValidateTokenAsync(link[(link.LastIndexOf('/') + 1)..], parameters);
    }
}
