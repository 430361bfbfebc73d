using Microsoft.Extensions.Localization;
using System.Globalization;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Benefits;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace LoyaltyPortal.Features.Progress;

/// <summary>
/// Concrete ways for a member to move up now, drawn from the benefits open to them ("Saturday run club: +40,
/// 4 seats left") and from what the engagement rules pay for.
/// </summary>
public sealed class ProgressSuggestionService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ForYouService forYou, ProgrammeCalendar calendar, IStringLocalizer<ProgressText> text)
{
    public const int MaxBenefits = 3;

    public async Task<IReadOnlyList<ProgressSuggestion>> GetAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsMember) return [];
        Dictionary<ActivityType, int> points;
        bool profileDone;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var memberId = await db.Members.AsNoTracking().Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            if (memberId is null) return [];
            points = await db.EngagementRules.AsNoTracking().ToDictionaryAsync(r => r.Type, r => r.Points, ct);
            profileDone = await db.Activities.AnyAsync(a => a.MemberId == memberId && a.Type == ActivityType.ProfileCompleted, ct);
        }

        var suggestions = new List<ProgressSuggestion>();
        var cards = await forYou.GetForYouAsync(caller, ct);
        foreach (var card in cards.Where(c => c.State == BenefitCardState.Book))
        {
            var earns = points.GetValueOrDefault(card.Kind switch
            {
                BenefitKind.Event => ActivityType.EventAttended,
                BenefitKind.Trial => ActivityType.TrialCompleted,
                _ => ActivityType.GuidanceSession,
            });
            if (earns <= 0) continue;
            suggestions.Add(new ProgressSuggestion(card.Title, earns, Detail(card), $"/me/benefits/{card.Id}", BenefitText.KindIcon(card.Kind)));
            if (suggestions.Count == MaxBenefits) break;
        }
        if (!profileDone && points.GetValueOrDefault(ActivityType.ProfileCompleted) is > 0 and var profile)
        {
            suggestions.Add(new ProgressSuggestion(text["Complete your profile"], profile, text["Phone, birthday, home store and interests"], "/me/profile",
                Icons.Material.Filled.Person));
        }
        if (points.GetValueOrDefault(ActivityType.Visit) is > 0 and var visit)
        {
            suggestions.Add(new ProgressSuggestion(text["Drop in to a store"], visit, text["Once a day per store; just say hello at the counter"], "/me/benefits",
                Icons.Material.Filled.Storefront));
        }
        return suggestions;
    }

    private string Detail(BenefitCard card)
    {
        var when = card.StartsAt is { } starts ? calendar.ToLocal(starts).ToString("ddd d MMM, HH:mm", CultureInfo.CurrentCulture) : null;
        string? left = (card.SeatsLeft, card.Kind) switch
        {
            (null, _) => null,
            (1, BenefitKind.Event) => text["1 seat left"].Value,
            (var n, BenefitKind.Event) => text["{0} seats left", n].Value,
            (var n, BenefitKind.Trial) => text["{0} to try", n].Value,
            (1, _) => text["1 slot free"].Value,
            (var n, _) => text["{0} slots free", n].Value,
        };
        var earnedBy = card.Kind == BenefitKind.Trial ? text["points once you give feedback"].Value : null;
        return string.Join(" · ", new[] { left, when, earnedBy }.Where(s => s is not null));
    }
}
