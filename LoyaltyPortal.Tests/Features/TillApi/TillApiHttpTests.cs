using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.TillApi;
using LoyaltyPortal.Hosting;
using LoyaltyPortal.Tests.EndToEnd;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Till = LoyaltyPortal.Tests.TillClient;

namespace LoyaltyPortal.Tests.Features.TillApi;

/// <summary>The till API over HTTP on the real app: keys, scopes, idempotency, problem details and the audit.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class TillApiHttpTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Key, int StoreId)> NewKeyAsync(ApiScopes scopes = ApiScopes.All, string store = "Covent Garden")
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var manager = await db.Users.Where(u => u.Email == DemoAccounts.Manager.Email).Select(u => u.Id).SingleAsync(Ct);
        var storeId = await db.Stores.Where(s => s.Name == store).Select(s => s.Id).SingleAsync(Ct);
        var caller = new Caller(manager, "Maya Patel", new HashSet<string> { Roles.Manager }, storeId);
        var created = await app.Factory.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync(caller, new NewApiKeyInput { Name = "Till " + Guid.NewGuid().ToString("N")[..6], StoreId = storeId, Scopes = scopes }, Ct);
        Assert.True(created.Succeeded, created.Message);
        return (created.Key!, storeId);
    }

    private HttpClient Till(string? key)
    {
        var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    /// <summary>The client generated from the committed OpenAPI document (see the csproj), over the test server.</summary>
    private Till.TillApiClient Typed(string key) => new(Till(key));

    private static string NewIdempotencyKey() => Guid.NewGuid().ToString();

    private static HttpRequestMessage Post(string path, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<(int Points, int Rows)> LedgerAsync(string memberCode, string sourcePrefix)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var id = await db.Members.Where(m => m.MemberCode == memberCode).Select(m => m.Id).SingleAsync(Ct);
        var rows = await db.Activities.Where(a => a.MemberId == id && a.SourceKey.StartsWith(sourcePrefix)).Select(a => a.Points).ToListAsync(Ct);
        return (rows.Sum(), rows.Count);
    }

    [Fact]
    public async Task Api_keyless_or_unknown_key_calls_get_401_problems()
    {
        using var anonymous = Till(null);
        using var keyless = await anonymous.SendAsync(Post("/api/v1/members/DEMO2026/visits", new { }, "k1"), Ct);
        using var forged = await Till("lp_AAAAAAAAAA_" + new string('B', 32)).GetAsync("/api/v1/members/DEMO2026", Ct);

        Assert.Contains("Authorization: Bearer", (await ProblemAsync(keyless, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        await ProblemAsync(forged, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_openapi_document_lists_the_till_paths_and_equals_the_committed_one_the_client_is_built_from()
    {
        using var client = Till(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        using var response = await client.SendAsync(request, Ct);
        var live = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

        var paths = live["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/members/lookup", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        // The server a till copies comes from configuration, never from the request's Host.
        Assert.Equal(app.Factory.Services.GetRequiredService<PublicLinks>().BaseUri.AbsoluteUri, (string?)live["servers"]![0]!["url"]);
        live.Remove("servers");
        var committedPath = Path.Combine(AppContext.BaseDirectory, "openapi-v1.json");
        if (!JsonNode.DeepEquals(live, JsonNode.Parse(await File.ReadAllTextAsync(committedPath, Ct))))
        {
            var fresh = Path.Combine(BrowserFixture.ArtifactsFolder, "openapi-v1.json");
            await File.WriteAllTextAsync(fresh, live.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", Ct);
            Assert.Fail($"The till API changed: review {fresh} and copy it over LoyaltyPortal.Tests/Features/TillApi/openapi-v1.json.");
        }
    }

    [Fact]
    public async Task Api_key_without_the_scope_gets_403_and_a_revoked_key_401()
    {
        var (readOnly, _) = await NewKeyAsync(ApiScopes.MembersRead);
        var till = Typed(readOnly);

        Assert.Equal("DEMO2026", (await till.GetMemberSummaryAsync("DEMO2026", Ct)).MemberCode);
        var visit = await Assert.ThrowsAsync<Till.TillApiException<Till.ProblemDetails>>(() => till.RecordVisitAsync("DEMO2026", NewIdempotencyKey(), Ct));
        Assert.Equal(403, visit.StatusCode);

        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
        {
            var keyId = await db.ApiKeys.Where(k => k.Prefix == readOnly.Substring(0, 13)).Select(k => k.Id).SingleAsync(Ct);
            var manager = await db.Users.Where(u => u.Email == DemoAccounts.Manager.Email).Select(u => u.Id).SingleAsync(Ct);
            var revoked = await app.Factory.Services.GetRequiredService<ApiKeyService>()
                .RevokeAsync(new Caller(manager, "Maya", new HashSet<string> { Roles.Manager }, null), keyId, Ct);
            Assert.True(revoked.Succeeded);
        }
        var afterRevoke = await Assert.ThrowsAsync<Till.TillApiException<Till.ProblemDetails>>(() => till.GetMemberSummaryAsync("DEMO2026", Ct));
        Assert.Equal(401, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Api_purchase_replayed_returns_the_first_answer_a_different_body_gets_422_and_a_refund_takes_the_points_back()
    {
        var (key, storeId) = await NewKeyAsync();
        var till = Typed(key);
        var sale = "T-" + Guid.NewGuid().ToString("N")[..10];
        var idempotency = NewIdempotencyKey();
        var purchase = new Till.PurchaseRequest { Amount = 40.00m, Currency = "GBP", TransactionReference = sale };

        var first = await till.RecordPurchaseAsync("DEMO2026", idempotency, purchase, Ct);
        Assert.False(till.LastHeaders!.Contains("Idempotent-Replayed"));
        var replay = await till.RecordPurchaseAsync("DEMO2026", idempotency, purchase, Ct);
        Assert.True(till.LastHeaders!.Contains("Idempotent-Replayed"));
        var changed = await Assert.ThrowsAsync<Till.TillApiException<Till.ProblemDetails>>(() => till.RecordPurchaseAsync(
            "DEMO2026", idempotency, new Till.PurchaseRequest { Amount = 41.00m, Currency = "GBP", TransactionReference = sale }, Ct));

        Assert.Equal((first.MemberCode, first.Message), (replay.MemberCode, replay.Message));
        Assert.Equal(422, changed.StatusCode);
        var (salePoints, saleRows) = await LedgerAsync("DEMO2026", $"purchase:{storeId}:txn:{sale}");
        Assert.Equal(1, saleRows);
        Assert.True(salePoints > 0);
        await till.RecordRefundAsync("DEMO2026", NewIdempotencyKey(),
            new Till.RefundRequest { TransactionReference = sale, RefundReference = "R1", Amount = 20m }, Ct);
        await till.RecordRefundAsync("DEMO2026", NewIdempotencyKey(), new Till.RefundRequest { TransactionReference = sale, RefundReference = "R2" }, Ct);
        var tooMuch = await Assert.ThrowsAsync<Till.TillApiException<Till.HttpValidationProblemDetails>>(() => till.RecordRefundAsync(
            "DEMO2026", NewIdempotencyKey(), new Till.RefundRequest { TransactionReference = sale, RefundReference = "R3", Amount = 1m }, Ct));

        Assert.Equal((-salePoints, 2), await LedgerAsync("DEMO2026", $"refund:{storeId}:txn:{sale}:"));
        Assert.Equal(400, tooMuch.StatusCode);
        Assert.Contains("already refunded in full", string.Join(" ", tooMuch.Result.Errors!.SelectMany(e => e.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_typed_client_enrols_a_member_finds_them_by_email_and_records_their_first_visit()
    {
        var (key, _) = await NewKeyAsync();
        var till = Typed(key);
        var email = $"till.{Guid.NewGuid():N}@example.com";

        var enrolled = await till.EnrolMemberAsync(NewIdempotencyKey(),
            new Till.EnrolRequest { PreferredName = "Priya Shah", Email = email, AcceptsTerms = true, ConsentContact = false }, Ct);
        var found = await till.LookupMemberAsync(null, null, email.ToUpperInvariant(), null, Ct);
        var visit = await till.RecordVisitAsync(enrolled.MemberCode, NewIdempotencyKey(), Ct);
        var after = await till.GetMemberSummaryAsync(enrolled.MemberCode, Ct);
        var checkIn = await Assert.ThrowsAsync<Till.TillApiException<Till.ProblemDetails>>(
            () => till.CheckInToEventAsync(enrolled.MemberCode, NewIdempotencyKey(), new Till.CheckInRequest(), Ct));

        Assert.Equal((enrolled.MemberCode, "Priya Shah"), (found.MemberCode, found.PreferredName));
        Assert.Equal(enrolled.MemberCode, visit.MemberCode);
        Assert.NotNull(after.LastVisitAt);
        Assert.True(after.Tier.Points > found.Tier.Points);
        Assert.Equal(422, checkIn.StatusCode);
        Assert.Contains("no event booked here today", checkIn.Result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_a_refund_from_another_stores_till_is_refused()
    {
        var (soho, _) = await NewKeyAsync();
        var (manchester, _) = await NewKeyAsync(store: "Manchester Arndale");
        var sale = "T-" + Guid.NewGuid().ToString("N")[..10];
        await Typed(soho).RecordPurchaseAsync("DEMO2026", sale, new Till.PurchaseRequest { Amount = 12m, Currency = "GBP", TransactionReference = sale }, Ct);

        var refund = await Assert.ThrowsAsync<Till.TillApiException<Till.HttpValidationProblemDetails>>(() => Typed(manchester)
            .RecordRefundAsync("DEMO2026", sale, new Till.RefundRequest { TransactionReference = sale, RefundReference = "R1" }, Ct));

        Assert.Equal(400, refund.StatusCode);
        Assert.Contains("No sale with that reference", string.Join(" ", refund.Result.Errors!.SelectMany(e => e.Value)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amount":-5,"currency":"GBP","transactionReference":"T1"}""", "amount")]
    [InlineData("""{"amount":0,"currency":"GBP","transactionReference":"T1"}""", "amount")]
    [InlineData("""{"amount":10000000,"currency":"GBP","transactionReference":"T1"}""", "amount")]
    [InlineData("""{"amount":12.345,"currency":"GBP","transactionReference":"T1"}""", "amount")]
    [InlineData("""{"amount":10,"currency":"XXX","transactionReference":"T1"}""", "currency")]
    [InlineData("""{"amount":10,"currency":"GBP","transactionReference":"<script>"}""", "transactionReference")]
    [InlineData("""{"amount":10,"currency":"GBP"}""", "transactionReference")]
    public async Task Api_hostile_purchase_bodies_get_field_errors(string body, string field)
    {
        var (key, _) = await NewKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/members/DEMO2026/purchases")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await Till(key).SendAsync(request, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"amount":1e40,"currency":"GBP","transactionReference":"T1"}""")]
    [InlineData("""{"amount":"ten","currency":"GBP","transactionReference":"T1"}""")]
    public async Task Api_malformed_json_gets_a_400_problem_without_a_stack_trace(string body)
    {
        var (key, _) = await NewKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/members/DEMO2026/purchases")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await Till(key).SendAsync(request, Ct);

        await ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Api_writes_without_an_idempotency_key_are_refused_and_nothing_is_recorded()
    {
        var (key, storeId) = await NewKeyAsync();
        var sale = "T-" + Guid.NewGuid().ToString("N")[..10];

        using var response = await Till(key).SendAsync(Post("/api/v1/members/DEMO2026/purchases", new { amount = 5m, currency = "GBP", transactionReference = sale }, null), Ct);

        Assert.Contains("Idempotency-Key", (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal((0, 0), await LedgerAsync("DEMO2026", $"purchase:{storeId}:txn:{sale}"));
    }

    [Theory]
    [InlineData("phone=not-a-phone", HttpStatusCode.BadRequest)]
    [InlineData("email=nobody%40nowhere.example", HttpStatusCode.NotFound)]
    [InlineData("code=DEMO2026&phone=07700900123", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("passToken=forged", HttpStatusCode.NotFound)]
    public async Task Api_lookup_refuses_bad_or_ambiguous_queries(string query, HttpStatusCode status)
    {
        var (key, _) = await NewKeyAsync(ApiScopes.MembersRead);

        using var response = await Till(key).GetAsync("/api/v1/members/lookup?" + query, Ct);

        await ProblemAsync(response, status);
    }

    [Fact]
    public async Task Api_lookup_by_email_answers_with_the_till_summary_and_is_audited()
    {
        var (key, _) = await NewKeyAsync(ApiScopes.MembersRead);

        var summary = await Typed(key).LookupMemberAsync(null, null, DemoAccounts.Member.Email.ToUpperInvariant(), null, Ct);

        Assert.Equal(("DEMO2026", "Alex Morgan"), (summary.MemberCode, summary.PreferredName));
        Assert.False(string.IsNullOrEmpty(summary.Tier.Name));
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var keyId = await db.ApiKeys.Where(k => k.Prefix == key.Substring(0, 13)).Select(k => k.Id).SingleAsync(Ct);
        var call = await db.ApiCalls.Where(c => c.ApiKeyId == keyId).SingleAsync(Ct);
        Assert.Equal(("GET", 200, true), (call.Method, call.StatusCode, call.MemberId is not null));
        Assert.True(await db.CardViews.AnyAsync(v => v.MemberId == call.MemberId && v.StaffName.StartsWith("Till: "), Ct));
    }

    [Fact]
    public async Task Api_visit_keeps_its_answer_and_audits_each_call_once_replays_included()
    {
        var (key, _) = await NewKeyAsync(ApiScopes.Activity);
        using var till = Till(key);
        var idempotency = Guid.NewGuid().ToString();

        using var first = await till.SendAsync(Post("/api/v1/members/DEMO2026/visits", null, idempotency), Ct);
        using var replay = await till.SendAsync(Post("/api/v1/members/DEMO2026/visits", null, idempotency), Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var keyId = await db.ApiKeys.Where(k => k.Prefix == key.Substring(0, 13)).Select(k => k.Id).SingleAsync(Ct);
        var record = await db.ApiIdempotencyRecords.SingleAsync(r => r.ApiKeyId == keyId, Ct);
        Assert.Equal((200, await first.Content.ReadAsStringAsync(Ct)), (record.StatusCode, record.Body));
        var calls = await db.ApiCalls.Where(c => c.ApiKeyId == keyId).OrderBy(c => c.Id).ToListAsync(Ct);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(("POST", "/api/v1/members/{code}/visits", 200), (c.Method, c.Route, c.StatusCode)));
        Assert.NotNull(calls[0].MemberId);
    }

    [Fact]
    public async Task Api_key_whose_login_was_deactivated_is_refused_at_authentication()
    {
        var (key, _) = await NewKeyAsync(ApiScopes.Activity | ApiScopes.MembersRead);
        using var till = Till(key);
        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/api/v1/members/DEMO2026", Ct)).StatusCode);
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
        {
            var userId = await db.ApiKeys.Where(k => k.Prefix == key.Substring(0, 13)).Select(k => k.UserId).SingleAsync(Ct);
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDeactivated, true), Ct);
        }

        await ProblemAsync(await till.GetAsync("/api/v1/members/DEMO2026", Ct), HttpStatusCode.Unauthorized);
        await ProblemAsync(await till.SendAsync(Post("/api/v1/members/DEMO2026/visits", null, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Unauthorized);
    }
}
