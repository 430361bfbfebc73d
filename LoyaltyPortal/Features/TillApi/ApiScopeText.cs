namespace LoyaltyPortal.Features.TillApi;

/// <summary>How a key's scopes read to a manager.</summary>
public static class ApiScopeText
{
    public static IReadOnlyList<ApiScopes> Each { get; } = [ApiScopes.MembersRead, ApiScopes.MembersWrite, ApiScopes.Activity, ApiScopes.CheckIn];

    public static string Label(ApiScopes scope) => scope switch
    {
        ApiScopes.MembersRead => "Look members up",
        ApiScopes.MembersWrite => "Enrol members",
        ApiScopes.Activity => "Record visits, sales and refunds",
        ApiScopes.CheckIn => "Check members in to events",
        _ => scope.ToString(),
    };

    public static string Describe(ApiScopes scopes) => scopes == ApiScopes.All ? "Everything" : string.Join(", ", Each.Where(s => scopes.HasFlag(s)).Select(Label));
}
