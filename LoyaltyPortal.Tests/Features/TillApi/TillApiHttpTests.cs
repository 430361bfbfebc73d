using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.TillApi;
using LoyaltyPortal.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Api_openapi_document_lists_the_till_paths_and_nothing_else()
    {
        using var client = Till(null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct)).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/members/lookup", paths);
        Assert.Contains("/api/v1/members/{code}/purchases", paths);
        Assert.Contains("/api/v1/members/{code}/refunds", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_key_without_the_scope_gets_403_and_a_revoked_key_401()
    {
        var (readOnly, _) = await NewKeyAsync(ApiScopes.MembersRead);
        using var till = Till(readOnly);

        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/api/v1/members/DEMO2026", Ct)).StatusCode);
        using var visit = await till.SendAsync(Post("/api/v1/members/DEMO2026/visits", new { }, Guid.NewGuid().ToString()), Ct);
        await ProblemAsync(visit, HttpStatusCode.Forbidden);

        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
        {
            var keyId = await db.ApiKeys.Where(k => k.Prefix == readOnly.Substring(0, 13)).Select(k => k.Id).SingleAsync(Ct);
            var manager = await db.Users.Where(u => u.Email == DemoAccounts.Manager.Email).Select(u => u.Id).SingleAsync(Ct);
            var revoked = await app.Factory.Services.GetRequiredService<ApiKeyService>()
                .RevokeAsync(new Caller(manager, "Maya", new HashSet<string> { Roles.Manager }, null), keyId, Ct);
            Assert.True(revoked.Succeeded);
        }
        await ProblemAsync(await till.GetAsync("/api/v1/members/DEMO2026", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_purchase_replayed_returns_the_first_answer_a_different_body_gets_422_and_a_refund_takes_the_points_back()
    {
        var (key, storeId) = await NewKeyAsync();
        using var till = Till(key);
        var sale = "T-" + Guid.NewGuid().ToString("N")[..10];
        var idempotency = Guid.NewGuid().ToString();

        using var first = await till.SendAsync(Post("/api/v1/members/DEMO2026/purchases", new { amount = 40.00m, currency = "GBP", transactionReference = sale }, idempotency), Ct);
        using var replay = await till.SendAsync(Post("/api/v1/members/DEMO2026/purchases", new { amount = 40.00m, currency = "GBP", transactionReference = sale }, idempotency), Ct);
        using var changed = await till.SendAsync(Post("/api/v1/members/DEMO2026/purchases", new { amount = 41.00m, currency = "GBP", transactionReference = sale }, idempotency), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        await ProblemAsync(changed, HttpStatusCode.UnprocessableEntity);
        var (salePoints, saleRows) = await LedgerAsync("DEMO2026", $"purchase:{storeId}:txn:{sale}");
        Assert.Equal(1, saleRows);
        Assert.True(salePoints > 0);
        using var half = await till.SendAsync(Post("/api/v1/members/DEMO2026/refunds", new { transactionReference = sale, refundReference = "R1", amount = 20m }, Guid.NewGuid().ToString()), Ct);
        using var rest = await till.SendAsync(Post("/api/v1/members/DEMO2026/refunds", new { transactionReference = sale, refundReference = "R2" }, Guid.NewGuid().ToString()), Ct);
        using var tooMuch = await till.SendAsync(Post("/api/v1/members/DEMO2026/refunds", new { transactionReference = sale, refundReference = "R3", amount = 1m }, Guid.NewGuid().ToString()), Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (half.StatusCode, rest.StatusCode));
        var refunded = await LedgerAsync("DEMO2026", $"refund:{storeId}:txn:{sale}:");
        Assert.Equal((-salePoints, 2), refunded);
        Assert.Contains("already refunded in full", (await ProblemAsync(tooMuch, HttpStatusCode.BadRequest)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_a_refund_from_another_stores_till_is_refused()
    {
        var (soho, _) = await NewKeyAsync();
        var (manchester, _) = await NewKeyAsync(store: "Manchester Arndale");
        var sale = "T-" + Guid.NewGuid().ToString("N")[..10];
        using var bought = await Till(soho).SendAsync(Post("/api/v1/members/DEMO2026/purchases", new { amount = 12m, currency = "GBP", transactionReference = sale }, sale), Ct);
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);

        using var refund = await Till(manchester).SendAsync(Post("/api/v1/members/DEMO2026/refunds", new { transactionReference = sale, refundReference = "R1" }, sale), Ct);

        Assert.Contains("No sale with that reference", (await ProblemAsync(refund, HttpStatusCode.BadRequest)).ToString(), StringComparison.Ordinal);
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

        var summary = await Till(key).GetFromJsonAsync<TillMemberSummary>("/api/v1/members/lookup?email=" + Uri.EscapeDataString(DemoAccounts.Member.Email.ToUpperInvariant()), Ct);

        Assert.Equal(("DEMO2026", "Alex Morgan"), (summary!.MemberCode, summary.PreferredName));
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
