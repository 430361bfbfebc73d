using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;

namespace LoyaltyPortal.Features.Pass.Wallet;

public static class WalletEndpoints
{
    public const string ApplePath = "/me/pass/wallet/apple";
    public const string GooglePath = "/me/pass/wallet/google";

    /// <summary>The wallet downloads: the .pkpass file, and a redirect to a freshly signed Google save link.</summary>
    public static IEndpointRouteBuilder MapWalletEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApplePath, async (HttpContext http, WalletPassService wallet, CancellationToken ct) =>
        {
            if (Caller.From(http.User) is not { } caller) return Results.Unauthorized();
            var pass = await wallet.GetApplePassAsync(caller, ct);
            return pass.Package is { } package
                ? Results.File(package, ApplePassPackage.ContentType, "loyalty-pass.pkpass")
                : Results.Problem(pass.Problem, statusCode: StatusCodes.Status404NotFound, title: "No wallet pass");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Member));

        app.MapGet(GooglePath, async (HttpContext http, WalletPassService wallet, CancellationToken ct) =>
        {
            if (Caller.From(http.User) is not { } caller) return Results.Unauthorized();
            var link = await wallet.GetGoogleSaveLinkAsync(caller, ct);
            return link.Link is { } url
                ? Results.Redirect(url)
                : Results.Problem(link.Problem, statusCode: StatusCodes.Status404NotFound, title: "No wallet pass");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Member));
        return app;
    }
}
