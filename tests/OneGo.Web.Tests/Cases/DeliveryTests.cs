using System.Net;
using System.Text.Json.Nodes;
using OneGo.Web.Data;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Cases;

/// <summary>统一出件 through the API, on SQLite and PostgreSQL: the queue, the identity check at pickup, posting, once only.</summary>
[Trait("Category", "Database")]
public sealed class DeliveryTests : IClassFixture<OneGoFactory>
{
    private readonly OneGoFactory _factory;

    public DeliveryTests(OneGoFactory factory) => _factory = factory;

    private static bool Queued(JsonNode queue, long id) => queue.AsArray().Any(w => w!["case"]!["id"]!.GetValue<long>() == id);

    [Fact]
    public async Task Results_wait_in_the_issuance_queue_and_are_handed_to_the_applicant_only_after_an_identity_check()
    {
        var done = await Newborn.CompletedAsync(_factory);
        Assert.Equal("completed", done["state"]!.GetValue<string>());
        var id = done["id"]!.GetValue<long>();
        var issuer = await ApiClient.LoginAsync(_factory, "issuer");

        var queue = await issuer.OkAsync(issuer.GetAsync("/api/v1/issuance/queue"));
        var waiting = queue.AsArray().Single(w => w!["case"]!["id"]!.GetValue<long>() == id)!;
        Assert.Equal("pickup", waiting["method"]!.GetValue<string>());
        Assert.Equal("张*", waiting["case"]!["applicantName"]!.GetValue<string>());

        var stranger = await issuer.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "pickup", name = "李四", idNumber = DemoSeed.LiSi });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.Status);
        Assert.Equal("identity-mismatch", stranger.Body!["code"]!.GetValue<string>());
        Assert.Contains("授权委托书", stranger.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Queued(await issuer.OkAsync(issuer.GetAsync("/api/v1/issuance/queue")), id));

        var handed = await issuer.OkAsync(issuer.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "pickup", name = "张三", idNumber = DemoSeed.ZhangSan }));
        Assert.Equal("pickup", handed["deliveryMethod"]!.GetValue<string>());
        Assert.EndsWith(DemoSeed.ZhangSan[^4..], handed["deliveryReference"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(DemoSeed.ZhangSan, handed.ToJsonString(), StringComparison.Ordinal);
        Assert.False(Queued(await issuer.OkAsync(issuer.GetAsync("/api/v1/issuance/queue")), id));

        var again = await issuer.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "post", trackingNumber = "EMS1" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("already-delivered", again.Body!["code"]!.GetValue<string>());

        var applicant = await ApiClient.LoginAsync(_factory, "zhangsan");
        var seen = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{id}"));
        Assert.NotNull(seen["deliveredAt"]);
        Assert.Equal("张三", seen["deliveredTo"]!.GetValue<string>());
        Assert.Contains(seen["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "delivered" && e["text"]!.GetValue<string>().Contains("已核验身份证件", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posted_results_go_to_the_address_of_the_application_with_a_tracking_number()
    {
        var done = await Newborn.CompletedAsync(_factory, form: new() { ["delivery.method"] = "post", ["delivery.address"] = "江西省赣州市兴国县潋江镇将军大道 8 号" });
        var id = done["id"]!.GetValue<long>();
        var issuer = await ApiClient.LoginAsync(_factory, "issuer");
        var waiting = (await issuer.OkAsync(issuer.GetAsync("/api/v1/issuance/queue"))).AsArray().Single(w => w!["case"]!["id"]!.GetValue<long>() == id)!;
        Assert.Equal("post", waiting["method"]!.GetValue<string>());
        Assert.Equal("江西省赣州市兴国县潋江镇将军大道 8 号", waiting["address"]!.GetValue<string>());

        var missing = await issuer.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "post" });
        Assert.Equal("posting-incomplete", missing.Body!["code"]!.GetValue<string>());
        var posted = await issuer.OkAsync(issuer.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "post", trackingNumber = "1186543210987" }));
        Assert.Equal("1186543210987", posted["deliveryReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_issuance_clerk_hands_results_over_and_open_cases_have_none_to_hand_over()
    {
        var applicant = await ApiClient.LoginAsync(_factory, "zhangsan");
        var open = await Newborn.SubmitAsync(applicant);
        var id = open["id"]!.GetValue<long>();
        var clerk = await ApiClient.LoginAsync(_factory, "window");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "pickup", name = "张三", idNumber = DemoSeed.ZhangSan })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/issuance/queue")).Status);
        var issuer = await ApiClient.LoginAsync(_factory, "issuer");
        // An open case is not the issuance window's to see: 404, as for any case out of scope.
        Assert.Equal(HttpStatusCode.NotFound, (await issuer.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "pickup", name = "张三", idNumber = DemoSeed.ZhangSan })).Status);
        var unknown = await issuer.PostAsync($"/api/v1/cases/{id}/delivery", new { method = "drone" });
        Assert.Equal("delivery-method", unknown.Body!["code"]!.GetValue<string>());
    }
}
