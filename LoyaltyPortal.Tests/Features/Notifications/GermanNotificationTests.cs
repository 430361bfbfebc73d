using System.Globalization;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using LoyaltyPortal.Tests.Features.Benefits;
using LoyaltyPortal.Tests.Features.Benefits.Feedback;
using LoyaltyPortal.Tests.Features.Benefits.Manage;
using LoyaltyPortal.Tests.Features.Benefits.Operations;
using LoyaltyPortal.Tests.Features.Members.Referrals;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Notifications;

/// <summary>Notifications and their emails speak the recipient's language, never that of whoever caused them.</summary>
public sealed class GermanNotificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task A_promotion_and_its_email_are_German_for_a_German_member_and_English_for_an_English_one_whoever_cancels(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(capacity: 1);
        var bookings = db.Get<BookingService>();
        var first = (await db.AddMemberAsync("First", email: "first@example.com")).Caller!;
        var (greta, gretaCaller) = await db.AddMemberAsync("Greta", email: "greta@example.com");
        await db.SetAccountLanguageAsync(gretaCaller!, "de");
        var (ellis, ellisCaller) = await db.AddMemberAsync("Ellis", email: "ellis@example.com");
        var firstBooking = await bookings.BookAsync(first, benefit.Id, new(), Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var gretaBooking = await bookings.BookAsync(gretaCaller!, benefit.Id, new(), Ct);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await bookings.BookAsync(ellisCaller!, benefit.Id, new(), Ct);

        // An English reader's cancellation promotes Greta, who reads German...
        await InCulture("en-GB", () => bookings.CancelAsync(first, firstBooking.BookingId!.Value, Ct));
        // ...and Greta, reading German, cancelling promotes Ellis, who reads English.
        await InCulture("de-DE", () => bookings.CancelAsync(gretaCaller!, gretaBooking.BookingId!.Value, Ct));

        var toGreta = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.MemberId == greta.Id, Ct));
        Assert.Equal(("Sie sind dabei: Saturday run club", "Ein Platz ist frei geworden und gehört Ihnen: Sie sind jetzt für Saturday run club gebucht."),
            (toGreta.Title, toGreta.Body));
        var toEllis = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.MemberId == ellis.Id, Ct));
        Assert.Equal("You're in: Saturday run club", toEllis.Title);

        var sent = db.Get<RecordingEmailSender>().Sent;
        var gretaMail = Assert.Single(sent, m => m.To == "greta@example.com");
        Assert.Equal("Sie sind dabei: Saturday run club", gretaMail.Subject);
        Assert.Contains("<p>Hallo Greta,</p>", gretaMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("In LoyaltyPortal öffnen", System.Net.WebUtility.HtmlDecode(gretaMail.HtmlBody), StringComparison.Ordinal);
        Assert.Contains("href='https://portal.test/me/bookings'", gretaMail.HtmlBody, StringComparison.Ordinal);
        var ellisMail = Assert.Single(sent, m => m.To == "ellis@example.com");
        Assert.Equal("You're in: Saturday run club", ellisMail.Subject);
        Assert.Contains("<p>Hi Ellis,</p>", ellisMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Open it in LoyaltyPortal", ellisMail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task A_German_members_event_reminder_is_German_with_a_German_date(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromHours(20), cutoffHours: 1);
        var (member, caller) = await db.AddMemberAsync("Greta", email: "greta@example.com");
        await db.SetAccountLanguageAsync(caller!, "de");
        await db.Get<BookingService>().BookAsync(caller!, benefit.Id, new(), Ct);

        await InCulture("en-GB", () => db.Get<BenefitReminderService>().SendDueRemindersAsync(Ct));

        var reminder = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.MemberId == member.Id, Ct));
        Assert.Equal("Bis bald: Saturday run club", reminder.Title);
        Assert.StartsWith("Saturday run club beginnt am 21. Nov. 2026, 06:00. Sie können nicht kommen?", reminder.Body, StringComparison.Ordinal);
        Assert.Equal("Bis bald: Saturday run club", Assert.Single(db.Get<RecordingEmailSender>().Sent).Subject);
    }

    [Theory, AllProviders]
    public async Task A_German_referrer_is_told_and_emailed_in_German_when_their_friend_first_visits(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (referrer, referrerCaller, _) = await db.AddReferrerAsync("Priya Shah");
        await db.SetAccountLanguageAsync(referrerCaller!, "de");
        await using (var context = db.NewContext())
        {
            await context.Members.Where(m => m.Id == referrer.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Email, "priya@example.com"), Ct);
        }
        var (friend, _, _) = await db.AddReferrerAsync("Jo Lee", referredBy: referrer.Id);

        await InCulture("en-GB", () => db.Get<RecognitionService>().RecordVisitAsync(staff, friend.Id, Ct));

        var bell = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.MemberId == referrer.Id, Ct));
        Assert.Equal(("Ihre Einladung hat sich gelohnt",
            "Jo Lee ist mit Ihrem Empfehlungscode beigetreten und war zum ersten Mal bei uns. Danke, dass Sie uns weiterempfehlen!"), (bell.Title, bell.Body));
        var mail = Assert.Single(db.Get<RecordingEmailSender>().Sent, m => m.To == "priya@example.com");
        Assert.Equal("Ihre Einladung hat sich gelohnt", mail.Subject);
    }

    [Theory, AllProviders]
    public async Task Staff_checking_in_a_German_member_asks_for_feedback_in_German(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromMinutes(30));
        var (member, bookingId) = await db.BookAsync(benefit.Id, "Greta");
        await db.SetAccountLanguageAsync(member, "de");
        var staff = await db.AddStaffAsync(store.Id);

        var result = await InCulture("en-GB", () => db.Get<BenefitOperationsService>().CheckInAsync(staff, bookingId, Ct));

        Assert.True(result.Succeeded, result.Message);
        var asked = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.Kind == NotificationKind.FeedbackRequested, Ct));
        Assert.Equal(("Wie war Saturday run club?", "Danke, dass Sie dabei waren. Erzählen Sie uns, wie es war – es dauert nur eine Minute."),
            (asked.Title, asked.Body));
    }

    [Theory, AllProviders]
    public async Task A_managers_reply_reaches_a_German_member_with_a_German_title_and_the_managers_own_words(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var benefit = await db.AddEventAsync(startsIn: TimeSpan.FromDays(-2));
        var (_, caller, feedback) = await db.AddMemberWithFeedbackAsync(benefit.Id, "Greta", 3, "Zu schnell vorne");
        await db.SetAccountLanguageAsync(caller, "de");

        var result = await InCulture("en-GB", async () =>
            await db.Get<FeedbackReplyService>().ReplyAsync(await db.AddManagerAsync(), feedback.Id, FeedbackReplyKind.Change, "We now run a slower group.", Ct));

        Assert.True(result.Succeeded, result.Message);
        var told = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.Kind == NotificationKind.FeedbackReplied, Ct));
        Assert.Equal(("Sie haben es angeregt, wir haben es umgesetzt: Saturday run club", "We now run a slower group."), (told.Title, told.Body));
    }

    [Theory, AllProviders]
    public async Task A_German_member_reaching_a_tier_at_an_English_counter_is_congratulated_in_German(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (member, caller) = await db.AddMemberAsync("Greta", email: "greta@example.com");
        await db.SetAccountLanguageAsync(caller!, "de");
        await using (var context = db.NewContext())
        {
            // Points from a week ago, written without the recorder: the visit under test is the one that crosses into Silver.
            context.Activities.Add(new Activity
            {
                MemberId = member.Id, Type = ActivityType.Purchase, Amount = 295, Points = 295,
                OccurredAt = db.Clock.GetUtcNow().UtcDateTime.AddDays(-7), SourceKey = Guid.NewGuid().ToString("N"),
            });
            await context.SaveChangesAsync(Ct);
            await StandingKeeper.RefreshAsync(context, member.Id, db.Clock.GetUtcNow().UtcDateTime, Ct);
            await context.SaveChangesAsync(Ct);
        }

        await InCulture("en-GB", () => db.Get<RecognitionService>().RecordVisitAsync(staff, member.Id, Ct));

        var reached = await db.QueryAsync(c => c.Notifications.SingleAsync(n => n.Kind == NotificationKind.TierReached, Ct));
        Assert.Equal("Sie haben Silver erreicht!", reached.Title);
        Assert.StartsWith("Willkommen in der Stufe Silver.", reached.Body, StringComparison.Ordinal);
        Assert.Single(db.Get<RecordingEmailSender>().Sent, m => m.Subject == "Sie haben Silver erreicht!");
    }

    [Theory, AllProviders]
    public async Task The_claim_email_is_in_the_members_language_not_the_staff_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var (member, _) = await db.AddMemberAsync("Anna Müller", withLogin: false, email: "anna@example.com");
        await using (var context = db.NewContext())
        {
            await context.Members.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Language, "de"), Ct);
        }

        var result = await InCulture("en-GB", () => db.Get<EnrolmentService>().SendClaimLinkAsync(staff, member.MemberCode, Ct));

        Assert.True(result.Succeeded, result.Message);
        var mail = Assert.Single(db.Get<RecordingEmailSender>().Sent);
        Assert.Equal("Richten Sie Ihre Online-Mitgliedschaft ein", mail.Subject);
        var body = System.Net.WebUtility.HtmlDecode(mail.HtmlBody);
        Assert.Contains("Hallo Anna Müller,", body, StringComparison.Ordinal);
        Assert.Contains("Der Link ist 7 Tage gültig.", body, StringComparison.Ordinal);
        Assert.Contains("href='https://portal.test/Account/Claim?token=", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task A_member_enrolled_at_the_counter_in_German_gets_the_claim_email_in_German(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var input = new EnrolInput { PreferredName = "Jörg Brandt", Email = "joerg@example.com", AcceptsTerms = true, Language = "de" };

        var result = await InCulture("en-GB", () => db.Get<EnrolmentService>().EnrolAsync(staff, input, Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("de", await db.QueryAsync(c => c.Members.Where(m => m.Id == result.MemberId).Select(m => m.Language).SingleAsync(Ct)));
        Assert.Equal("Richten Sie Ihre Online-Mitgliedschaft ein", Assert.Single(db.Get<RecordingEmailSender>().Sent).Subject);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("de-DE<script>")]
    [InlineData("de;q=1,en")]
    public async Task Enrolling_in_a_language_the_portal_does_not_offer_is_refused_beside_the_field_in_German(string language)
    {
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Sqlite);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var input = new EnrolInput { PreferredName = "Jörg Brandt", Email = "joerg@example.com", AcceptsTerms = true, Language = language };

        var result = await InCulture("de-DE", () => db.Get<EnrolmentService>().EnrolAsync(staff, input, Ct));

        Assert.False(result.Succeeded);
        Assert.Equal("Wählen Sie eine der angebotenen Sprachen.", result.FieldErrors[nameof(EnrolInput.Language)]);
        Assert.Equal(0, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    /// <summary>Runs <paramref name="act"/> as a reader of <paramref name="culture"/> would: the caller's request or circuit culture.</summary>
    private static async Task<T> InCulture<T>(string culture, Func<Task<T>> act)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await act();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }
}

public static class LanguageTestData
{
    /// <summary>The language a person chose on their account, as the language switch stores it.</summary>
    public static async Task SetAccountLanguageAsync(this TestDb db, Caller caller, string language)
    {
        await using var context = db.NewContext();
        await context.Users.Where(u => u.Id == caller.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language));
    }
}
