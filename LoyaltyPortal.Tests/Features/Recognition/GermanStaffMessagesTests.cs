using System.Globalization;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Tests.Features.Recognition;

/// <summary>What the counter's services answer German staff: refusals and confirmations in German.</summary>
public sealed class GermanStaffMessagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Async-local: only this test's flow reads in German, as a German member of staff's circuit does.
    private static void UseGerman() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

    [Fact]
    public async Task A_purchase_without_an_amount_is_refused_in_German_and_a_visit_confirmed_in_German()
    {
        UseGerman();
        await using var db = await TestDb.CreateAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: (await db.AddStoreAsync()).Id);
        var (member, _) = await db.AddMemberAsync("Anna Müller");
        var recognition = db.Get<RecognitionService>();

        var refused = await recognition.RecordPurchaseAsync(staff, member.Id, new PurchaseInput(null, "GBP", Guid.NewGuid()), Ct);
        var visit = await recognition.RecordVisitAsync(staff, member.Id, Ct);

        Assert.Equal((false, "Geben Sie den bezahlten Betrag ein."), (refused.Succeeded, refused.FieldErrors[nameof(PurchaseInput.Amount)]));
        Assert.Equal((true, "Besuch für Anna Müller erfasst."), (visit.Succeeded, visit.Message));
    }

    [Fact]
    public async Task Enrolment_and_claim_links_refuse_in_German()
    {
        UseGerman();
        await using var db = await TestDb.CreateAsync();

        var errors = db.Get<EnrolmentService>().Validate(new EnrolInput { PreferredName = "Anna Müller" });
        var claim = await db.Get<MemberClaimService>().CheckAsync("not-a-token", Ct);

        Assert.Equal("Die Person muss den Programmbedingungen zustimmen, um beizutreten.", errors[nameof(EnrolInput.AcceptsTerms)]);
        Assert.Equal("Dieser Link ist ungültig. Prüfen Sie, ob Sie den ganzen Link aus der E-Mail geöffnet haben.", claim.Message);
    }

    [Fact]
    public async Task The_card_view_audit_refuses_a_backwards_range_in_German()
    {
        UseGerman();
        await using var db = await TestDb.CreateAsync();
        var manager = await db.AddUserAsync(Roles.Manager, "Maya Patel");

        var page = await db.Get<CardViewAuditService>().GetAsync(manager, new AuditFilter(From: new DateOnly(2026, 11, 20), To: new DateOnly(2026, 11, 19)), Ct);

        Assert.Equal("Das Startdatum liegt nach dem Enddatum.", page.Message);
    }

    [Fact]
    public async Task Staff_outcomes_at_the_event_desk_are_told_in_German()
    {
        UseGerman();
        await using var db = await TestDb.CreateAsync();
        var staff = await db.AddStaffAsync((await db.AddStoreAsync()).Id);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(30));
        var (_, bookingId) = await db.BookAsync(benefit.Id);
        var operations = db.Get<BenefitOperationsService>();

        var missing = await operations.CheckInAsync(staff, bookingId + 1000, Ct);
        var early = await operations.MarkNoShowAsync(staff, bookingId, Ct);

        Assert.Equal("Wir konnten diese Buchung für die Veranstaltung nicht finden.", missing.Message);
        Assert.Equal("Markieren Sie Nichterscheinen erst, wenn die Veranstaltung begonnen hat.", early.Message);
    }

    [Fact]
    public async Task The_card_suggests_a_gesture_in_German()
    {
        UseGerman();
        var text = TestText.For<RecognitionText>();
        var now = new DateTime(2026, 11, 20, 10, 0, 0);
        var tier = new TierProgress(new(1, "Member", "#999"), new(2, "Silver", "#ccc"), 300, 100, 200, 33, null, null, 0, false, null, null);
        var facts = new GestureFacts("Anna Müller", now, new DateOnly(1990, 11, 21), now.AddYears(-2).AddDays(40), now.AddDays(-7), true, tier, [], [], t => t, null);

        Assert.Equal(["Geburtstag morgen"], CardGestures.Cues(facts, text).Select(c => c.Text));
        Assert.Equal("Geburtstag morgen: Sprechen Sie es an", CardGestures.Choose(facts, text)?.Text);
        await Task.CompletedTask;
    }
}
