using System.Net.Http.Headers;

namespace LoyaltyPortal.Tests.TillClient;

/// <summary>
/// The rest of the generated client (obj/TillApiClient.g.cs, built from openapi-v1.json): it keeps the last answer's
/// headers, so a test can see <c>Idempotent-Replayed</c> without leaving the typed client.
/// </summary>
public partial class TillApiClient
{
    public HttpResponseHeaders? LastHeaders { get; private set; }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => LastHeaders = response.Headers;
}
