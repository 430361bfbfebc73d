using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LoyaltyPortal.Features.Benefits;

/// <summary><c>GET /benefits/{id}/image</c>: the benefit's picture for signed-in users (a draft's for managers only), cacheable by the browser; a built-in illustration redirects to its static file.</summary>
public static class BenefitImageEndpoint
{
    public static IEndpointRouteBuilder MapBenefitImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/benefits/{id:int}/image", async (int id, HttpContext http, IDbContextFactory<LoyaltyDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // A draft's picture is the manager's work in progress: members and staff see it once the benefit has been published.
            var manager = http.User.IsInRole(Roles.Manager);
            var image = await db.BenefitImages.AsNoTracking()
                .FirstOrDefaultAsync(i => i.BenefitId == id && (manager || db.Benefits.Any(b => b.Id == id && b.Status != BenefitStatus.Draft)), ct);
            if (image is null) return Results.NotFound();
            // A built-in illustration is a static file of ours; only a known name becomes an address.
            if (image.Illustration is not null)
            {
                return BenefitIllustrations.Url(image.Illustration) is { } url ? Results.Redirect(url) : Results.NotFound();
            }
            // Private: only signed-in users may see it. The ETag changes with each upload, so a revalidation is cheap.
            // Pages ask for "?v=<version>", so a new upload gets a new address and a long lifetime is safe.
            http.Response.Headers.CacheControl = http.Request.Query.ContainsKey("v") ? "private, max-age=2592000, immutable" : "private, max-age=300";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var etag = new EntityTagHeaderValue($"\"{image.UpdatedAt.Ticks:x}\"");
            return Results.File(image.Data, image.ContentType, lastModified: new DateTimeOffset(image.UpdatedAt, TimeSpan.Zero), entityTag: etag);
        }).RequireAuthorization();
        return app;
    }
}
