using LoyaltyPortal.Features.Members.Referrals;

namespace LoyaltyPortal.Tests.Features.Members.Referrals;

/// <summary>A member naming their referrer is answered in their language.</summary>
public sealed class ReferralGermanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referral_refusal_comes_back_in_German_beside_the_code()
    {
        await using var db = await TestDb.CreateAsync();
        var (_, caller, own) = await db.AddReferrerAsync("Jo Lee");
        using var german = TestCulture.German();

        var malformed = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, "hello", Ct);
        var self = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, own, Ct);

        Assert.Equal("Das ist kein Empfehlungscode. Codes sehen so aus: REF-K7M2QP.", malformed.Message);
        Assert.Equal(malformed.Message, malformed.FieldErrors[ReferralResult.CodeField]);
        Assert.Equal("Das ist Ihr eigener Code. Geben Sie den Code der Person ein, die Sie eingeladen hat.", self.Message);
    }

    [Fact]
    public async Task Accepting_a_referrer_thanks_the_member_in_German()
    {
        await using var db = await TestDb.CreateAsync();
        var (_, _, code) = await db.AddReferrerAsync("Priya Shah");
        var (_, caller, _) = await db.AddReferrerAsync("Jo Lee");
        using var german = TestCulture.German();

        var result = await db.Get<ReferralService>().AddMyReferrerAsync(caller!, code, Ct);

        Assert.Equal("Danke! Priya Shah wird nun für Ihre Einladung belohnt.", result.Message);
    }
}
