using System.Net;
using System.Security.Cryptography;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Components.Account;

/// <summary>The template's two-factor sign-in still works: authenticator codes and recovery codes.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class TwoFactorTests(PortalApp app)
{
    [Fact]
    public async Task Password_then_authenticator_code_signs_in()
    {
        var (email, key, _) = await EnableTwoFactorAsync();
        using var client = app.NewClient();

        var afterPassword = await client.LogInAsync(email, DemoAccounts.Password);
        var codePage = afterPassword.Headers.Location!;
        Assert.Equal("/Account/LoginWith2fa", codePage.AbsolutePath);

        var afterCode = await client.SubmitAsync(codePage.PathAndQuery, "login-with-2fa",
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp(key, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.Redirect, afterCode.StatusCode);
        Assert.Equal("/me", (await client.FollowAsync(afterCode)).Path);
    }

    [Fact]
    public async Task Wrong_authenticator_code_is_refused_with_a_message()
    {
        var (email, key, _) = await EnableTwoFactorAsync();
        using var client = app.NewClient();
        var afterPassword = await client.LogInAsync(email, DemoAccounts.Password);
        var wrongCode = Totp(key, DateTimeOffset.UtcNow.AddHours(-1));

        var page = await client.FollowAsync(await client.SubmitAsync(afterPassword.Headers.Location!.PathAndQuery, "login-with-2fa",
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = wrongCode }));

        Assert.StartsWith("/Account/LoginWith2fa", page.Path, StringComparison.Ordinal);
        Assert.Contains("Error: Invalid authenticator code.", page.Messages);
    }

    [Fact]
    public async Task Recovery_code_signs_in_once()
    {
        var (email, _, recoveryCode) = await EnableTwoFactorAsync();
        using var client = app.NewClient();
        await client.LogInAsync(email, DemoAccounts.Password);

        var response = await client.SubmitAsync("/Account/LoginWithRecoveryCode", "login-with-recovery-code",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCode });

        Assert.Equal("/me", (await client.FollowAsync(response)).Path);
    }

    private async Task<(string Email, string Key, string RecoveryCode)> EnableTwoFactorAsync()
    {
        var email = await app.CreateLoginAsync(Roles.Member);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1))!.Single();
        return (email, key, recovery);
    }

    /// <summary>RFC 6238 code, as an authenticator app computes it from the shared Base32 key.</summary>
    private static string Totp(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(Base32Decode(base32Key), message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
