using System.Data;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Referrals;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members.Referrals;

/// <summary>Staff enrolling someone at the counter with the code of the member who sent them.</summary>
public sealed class EnrolmentReferralTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Enrolling_with_a_code_attributes_the_new_member_to_the_referrer(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (friend, _, code) = await db.AddReferrerAsync("Priya Shah");

        var result = await db.Get<EnrolmentService>().EnrolAsync(staff, new EnrolInput
        {
            PreferredName = "New Person", Phone = "07400 900555", AcceptsTerms = true, ReferralCode = code.ToLowerInvariant(),
        }, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(friend.Id, await db.MemberAsync(result.MemberId!.Value, m => m.ReferredByMemberId));
        Assert.NotNull(await db.MemberAsync(result.MemberId!.Value, m => m.ReferralCode));
    }

    [Theory, AllProviders]
    public async Task A_malformed_or_unknown_code_is_shown_beside_the_field_and_nobody_is_enrolled(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var enrolment = db.Get<EnrolmentService>();

        var malformed = await enrolment.EnrolAsync(staff, new EnrolInput { PreferredName = "New Person", Phone = "07400 900555", AcceptsTerms = true, ReferralCode = "friend" }, Ct);
        var unknown = await enrolment.EnrolAsync(staff, new EnrolInput { PreferredName = "New Person", Phone = "07400 900555", AcceptsTerms = true, ReferralCode = "REF-ZZZZZZ" }, Ct);

        Assert.Contains(nameof(EnrolInput.ReferralCode), malformed.FieldErrors.Keys);
        Assert.Contains(nameof(EnrolInput.ReferralCode), unknown.FieldErrors.Keys);
        Assert.False(await db.QueryAsync(c => c.Members.AnyAsync(m => m.PreferredName == "New Person", Ct)));
    }
}
