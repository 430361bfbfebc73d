using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.TillApi;

/// <summary>The texts of the till API keys page and its messages (TillApiText.resx and its languages).</summary>
public sealed class TillApiText;

/// <summary>How a key's scopes read to a manager, in the manager's language.</summary>
public static class ApiScopeWords
{
    public static IReadOnlyList<ApiScopes> Each { get; } = [ApiScopes.MembersRead, ApiScopes.MembersWrite, ApiScopes.Activity, ApiScopes.CheckIn];

    public static string Scope(this IStringLocalizer<TillApiText> text, ApiScopes scope) => scope switch
    {
        ApiScopes.MembersRead => text["Look members up"],
        ApiScopes.MembersWrite => text["Enrol members"],
        ApiScopes.Activity => text["Record visits, sales and refunds"],
        ApiScopes.CheckIn => text["Check members in to events"],
        _ => scope.ToString(),
    };

    public static string Scopes(this IStringLocalizer<TillApiText> text, ApiScopes scopes) =>
        scopes == ApiScopes.All ? text["Everything"] : string.Join(", ", Each.Where(s => scopes.HasFlag(s)).Select(text.Scope));
}
