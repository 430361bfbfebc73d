using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LoyaltyPortal.Features.Benefits;

/// <summary><c>GET /benefits/{id}/image</c>: the benefit's picture for signed-in users (a draft's for managers only), cacheable by the browser.</summary>
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
            // Private: only signed-in users may see it. The ETag changes with each upload, so a revalidation is cheap.
            http.Response.Headers.CacheControl = "private, max-age=300";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var etag = new EntityTagHeaderValue($"\"{image.UpdatedAt.Ticks:x}\"");
            return Results.File(image.Data, image.ContentType, lastModified: new DateTimeOffset(image.UpdatedAt, TimeSpan.Zero), entityTag: etag);
        }).RequireAuthorization();
        return app;
    }
}
