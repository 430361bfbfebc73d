using System.Linq.Expressions;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Features.Benefits;

/// <summary>
/// The built-in illustrations, hand-drawn SVG files under wwwroot/img/benefits in the portal's palette. They are ours and
/// served as static files; uploaded SVG is never accepted, because an SVG can carry script.
/// </summary>
public static class BenefitIllustrations
{
    public const int NameMaxLength = 64;
    public const string Folder = "img/benefits";

    public const string RunClub = "run-club.svg";
    public const string TrailEvening = "trail-evening.svg";
    public const string TrailRun = "trail-run.svg";
    public const string RepairWorkshop = "repair-workshop.svg";
    public const string SummitEvening = "summit-evening.svg";
    public const string SunriseYoga = "sunrise-yoga.svg";
    public const string ShoeTrial = "shoe-trial.svg";
    public const string GaitCoach = "gait-coach.svg";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        RunClub, TrailEvening, TrailRun, RepairWorkshop, SummitEvening, SunriseYoga, ShoeTrial, GaitCoach,
    };

    /// <summary>The site-relative address of a known illustration; null for anything else, so a stored name never becomes a path.</summary>
    public static string? Url(string? name) => name is not null && Names.Contains(name) ? $"/{Folder}/{name}" : null;
}

/// <summary>Where a benefit's picture is and how to frame it. The address of an upload carries its version, so a new upload shows at once.</summary>
public sealed record BenefitImageView(string Url, ImageCrop Crop)
{
    public static BenefitImageView For(int benefitId, string? illustration, DateTime updatedAt, int focusX, int focusY, int zoom) =>
        new(BenefitIllustrations.Url(illustration) ?? $"/benefits/{benefitId}/image?v={updatedAt.Ticks:x}", new ImageCrop(focusX, focusY, zoom));

    /// <summary>The pictures of the benefits <paramref name="which"/> selects, by benefit id, without loading their bytes.</summary>
    internal static async Task<Dictionary<int, BenefitImageView>> LoadAsync(
        LoyaltyDbContext db, Expression<Func<BenefitImage, bool>> which, CancellationToken ct) =>
        (await db.BenefitImages.AsNoTracking().Where(which)
            .Select(i => new { i.BenefitId, i.Illustration, i.UpdatedAt, i.FocusX, i.FocusY, i.Zoom }).ToListAsync(ct))
        .ToDictionary(i => i.BenefitId, i => For(i.BenefitId, i.Illustration, i.UpdatedAt, i.FocusX, i.FocusY, i.Zoom));
}
