using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace LoyaltyPortal.Features.Benefits;

/// <summary><c>GET /benefits/{id}/image</c>: the benefit's picture for signed-in users, cacheable by the browser.</summary>
public static class BenefitImageEndpoint
{
    public static IEndpointRouteBuilder MapBenefitImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/benefits/{id:int}/image", async (int id, HttpContext http, IDbContextFactory<LoyaltyDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var image = await db.BenefitImages.AsNoTracking().FirstOrDefaultAsync(i => i.BenefitId == id, ct);
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
