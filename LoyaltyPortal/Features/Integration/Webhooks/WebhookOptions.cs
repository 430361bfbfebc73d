namespace LoyaltyPortal.Features.Integration.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Allows plain http and loopback or private addresses, for Development and tests. Off in production, where a
    /// receiver must be a public https address (so an endpoint can't be aimed at the server's own network).
    /// </summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>How long a delivery keeps being retried before it is marked failed and its endpoint failing.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one call may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxEndpoints { get; set; } = 50;

    internal bool IsValid() =>
        GiveUpAfter >= TimeSpan.FromMinutes(1) && GiveUpAfter <= TimeSpan.FromDays(30)
        && Timeout >= TimeSpan.FromSeconds(1) && Timeout <= TimeSpan.FromMinutes(1)
        && MaxEndpoints is >= 1 and <= 500;

    internal const string InvalidMessage =
        "Webhooks:GiveUpAfter must be 1 minute to 30 days, Webhooks:Timeout 1 to 60 seconds and Webhooks:MaxEndpoints 1 to 500.";
}
