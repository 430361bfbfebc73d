using System.Globalization;
using LoyaltyPortal.Data;
using LoyaltyPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Notifications;

/// <summary>
/// Texts and dates for one member in the member's language, not in the language of whoever caused the message: a
/// manager reading German who cancels a booking promotes an English member, who is told in English.
/// </summary>
/// <remarks>
/// Each text is built under the recipient's culture, which is switched for that call only and restored afterwards,
/// so the request or circuit that caused it keeps its own.
/// </remarks>
public sealed class RecipientText(IStringLocalizer<NotificationContentText> text, ProgrammeCalendar calendar, string language)
{
    private readonly CultureInfo culture = PortalLanguages.CultureOf(language);

    /// <summary>The recipient's language code ("en", "de").</summary>
    public string Language => language;

    public string this[string english, params object[] arguments] => In(() => text[english, arguments].Value);

    /// <summary>"2 Nov 2026" / "2. Nov. 2026" in the programme's time zone.</summary>
    public string Date(DateTime utc) => In(() => calendar.FormatDate(utc));

    /// <summary>"2 Nov 2026, 12:00" in the programme's time zone.</summary>
    public string DateTime(DateTime utc) => In(() => calendar.FormatDateTime(utc));

    /// <summary>Runs <paramref name="build"/> under the recipient's culture, for localizers other than the notifications'.</summary>
    public T In<T>(Func<T> build)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return build();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = formats;
        }
    }

    /// <summary>
    /// The member's language: the one they chose on their account, else the one kept on the member (a member without an
    /// account), else the programme's first language.
    /// </summary>
    public static async Task<string> LanguageOfAsync(LoyaltyDbContext db, int memberId, CancellationToken ct)
    {
        var chosen = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new { Account = db.Users.Where(u => u.Id == m.UserId).Select(u => u.Language).FirstOrDefault(), m.Language })
            .FirstOrDefaultAsync(ct);
        return Choose(chosen?.Account, chosen?.Language);
    }

    /// <summary>The account's language wins over the member's; neither known reads as the programme's first language.</summary>
    public static string Choose(string? account, string? member) =>
        PortalLanguages.CodeOf(account) ?? PortalLanguages.CodeOf(member) ?? PortalLanguages.Codes[0];
}
