using System.Net;
using System.Text;
using System.Text.Json;

namespace OneGo.Web.Tests.Api;

/// <summary>The anonymous read API: bundles, plans, the working calendar, health and the OpenAPI document.</summary>
public class ReadApiTests(OneGoFactory factory) : IClassFixture<OneGoFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<HttpResponseMessage> PostPlan(string bundle, string body) =>
        client.PostAsync($"/api/v1/bundles/{bundle}/plan", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_ReportsTheCatalog()
    {
        var health = await Json(await client.GetAsync("/health"));

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("bundles").GetInt32() >= 1);
    }

    [Fact]
    public async Task Bundles_AreListedWithChineseTextUnescaped()
    {
        var response = await client.GetAsync("/api/v1/bundles");
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("新生儿出生", raw); // not \u65B0…
        var items = JsonDocument.Parse(raw).RootElement.GetProperty("items");
        var newborn = items.EnumerateArray().Single(b => b.GetProperty("code").GetString() == "newborn");
        Assert.Equal("personal", newborn.GetProperty("category").GetString());
        Assert.Equal("兴国县卫生健康委员会", newborn.GetProperty("leadDepartment").GetString());
        Assert.Equal(5, newborn.GetProperty("promised").GetProperty("value").GetInt32());
        Assert.Equal("workingDays", newborn.GetProperty("promised").GetProperty("unit").GetString());
    }

    [Theory]
    [InlineData("上户口", true)]
    [InlineData("出生", true)]
    [InlineData("预防接种", true)] // a matter's name
    [InlineData("挖掘机", false)]
    public async Task Search_FindsBundlesByNameKeywordOrMatter(string q, bool found)
    {
        var list = await Json(await client.GetAsync($"/api/v1/bundles?q={Uri.EscapeDataString(q)}"));

        Assert.Equal(found, list.GetProperty("items").EnumerateArray().Any(b => b.GetProperty("code").GetString() == "newborn"));
        Assert.Equal(list.GetProperty("count").GetInt32(), list.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("退休", "retirement")]       // also in a matter of 个人身后 (企业退休职工遗属待遇)
    [InlineData("注销", "enterprise-deregistration")]
    [InlineData("开餐馆", "restaurant-opening")]
    public async Task Search_RanksBundleNamesAndKeywordsBeforeMatterNames(string q, string first)
    {
        var list = await Json(await client.GetAsync($"/api/v1/bundles?q={Uri.EscapeDataString(q)}"));

        Assert.Equal(first, list.GetProperty("items")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task CategoryFilter_KeepsOnlyThatCategory()
    {
        var personal = await Json(await client.GetAsync("/api/v1/bundles?category=personal"));
        var enterprise = await Json(await client.GetAsync("/api/v1/bundles?category=enterprise"));

        Assert.All(personal.GetProperty("items").EnumerateArray(), b => Assert.Equal("personal", b.GetProperty("category").GetString()));
        Assert.All(enterprise.GetProperty("items").EnumerateArray(), b => Assert.Equal("enterprise", b.GetProperty("category").GetString()));
        Assert.DoesNotContain(enterprise.GetProperty("items").EnumerateArray(), b => b.GetProperty("code").GetString() == "newborn");
    }

    [Fact]
    public async Task AnUnknownCategory_IsABadRequest()
    {
        await AssertProblem(await client.GetAsync("/api/v1/bundles?category=alien"), HttpStatusCode.BadRequest, "invalid-category", "personal");
    }

    [Fact]
    public async Task BundleDetail_HasQuestionsOptionsStopsAndEdges()
    {
        var bundle = await Json(await client.GetAsync("/api/v1/bundles/newborn"));

        var questions = bundle.GetProperty("questions").EnumerateArray().ToList();
        Assert.True(questions.Count >= 3);
        Assert.Equal("birthplace", questions[0].GetProperty("id").GetString());
        Assert.Contains(questions[0].GetProperty("options").EnumerateArray(), o => o.GetProperty("stop").ValueKind == JsonValueKind.String);
        Assert.Contains(bundle.GetProperty("edges").EnumerateArray(), e => e.GetProperty("mode").GetString() == "prereview");
        var card = bundle.GetProperty("matters").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "social-security-card");
        Assert.Equal("answers.sscard == 'yes'", card.GetProperty("when").GetString());
        Assert.Equal("兴国县人力资源和社会保障局", card.GetProperty("department").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnUnknownBundle_Is404WithAProblem()
    {
        await AssertProblem(await client.GetAsync("/api/v1/bundles/nope"), HttpStatusCode.NotFound, "bundle-not-found", "nope");
        await AssertProblem(await PostPlan("nope", "{}"), HttpStatusCode.NotFound, "bundle-not-found", "nope");
    }

    [Fact]
    public async Task Plan_ReturnsMattersFormMaterialsAndTiming()
    {
        var response = await PostPlan("newborn", """
            {"answers": {"birthplace": "province", "hukou": "father", "ethnicity": "same", "sscard": "no", "maternity": "no"}}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await Json(response);
        Assert.Equal(4, plan.GetProperty("matters").GetArrayLength());
        // The clock says 2026-09-24; see NewbornPlanTests for the dates on the official calendar.
        Assert.Equal("2026-09-24", plan.GetProperty("timing").GetProperty("acceptance").GetString());
        Assert.Equal("2026-10-23", plan.GetProperty("timing").GetProperty("expectedCompletion").GetString());
        Assert.Equal(16, plan.GetProperty("timing").GetProperty("criticalPathWorkingDays").GetInt32());
        var certificate = plan.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "birth-medical-certificate");
        Assert.Equal("bundleResult", certificate.GetProperty("exemption").GetProperty("kind").GetString());
        Assert.True(plan.GetProperty("form").GetArrayLength() > 1);
        Assert.True(plan.GetProperty("metrics").GetProperty("fieldsBefore").GetInt32() > plan.GetProperty("metrics").GetProperty("fieldsAfter").GetInt32());
    }

    [Fact]
    public async Task Plan_AcceptsAnExplicitAcceptanceDate_AndAStopIsNotAnError()
    {
        var response = await PostPlan("newborn", """{"answers": {"birthplace": "elsewhere"}, "acceptanceDate": "2026-12-01"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await Json(response);
        Assert.Equal("birthplace", plan.GetProperty("stop").GetProperty("questionId").GetString());
    }

    [Theory]
    [InlineData("""{"answers": {"birthplace": "province", "hukou": "grandma", "ethnicity": "same", "sscard": "no", "maternity": "no"}}""", "hukou", "没有选项")]
    [InlineData("""{"answers": {"birthplace": "province", "hukou": "father", "ethnicity": "same", "maternity": "no"}}""", "sscard", "请回答")]
    [InlineData("""{"answers": {"birthplace": "province", "hukou": 3, "ethnicity": "same", "sscard": "no", "maternity": "no"}}""", "hukou", "选项编码")]
    [InlineData("""{"answers": {"birthplace": "province", "hukou": "father", "ethnicity": "same", "sscard": "no", "maternity": "no", "pets": "cat"}}""", "pets", "未知的情形问题")]
    public async Task InvalidAnswers_Are400_NamingTheQuestion(string body, string question, string message)
    {
        var response = await PostPlan("newborn", body);

        await AssertProblem(response, HttpStatusCode.BadRequest, "invalid-answers", message);
        var problem = await Json(await PostPlan("newborn", body));
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(question, error.GetProperty("question").GetString());
    }

    [Theory]
    [InlineData("{not json", "malformed-json")]
    [InlineData("[1, 2]", "malformed-json")]
    [InlineData("""{"answers": ["province"]}""", "invalid-answers")]
    [InlineData("""{"answers": {}, "acceptanceDate": "24/09/2026"}""", "invalid-date")]
    public async Task MalformedRequests_Are400WithAClearCode(string body, string code)
    {
        var response = await PostPlan("newborn", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await Json(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Deadline_CountsWorkingDaysOnTheOfficialCalendar()
    {
        var result = await Json(await client.GetAsync("/api/v1/calendar/deadline?start=2026-09-24&workingDays=5"));

        Assert.Equal("2026-10-09", result.GetProperty("deadline").GetString());
        Assert.False(result.GetProperty("isEstimate").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("warning").ValueKind);
    }

    [Fact]
    public async Task Deadline_IntoAYearWithoutOfficialData_SaysSo()
    {
        var result = await Json(await client.GetAsync("/api/v1/calendar/deadline?start=2026-12-28&workingDays=10"));

        Assert.True(result.GetProperty("isEstimate").GetBoolean());
        Assert.Contains("2027", result.GetProperty("warning").GetString());
        Assert.Equal("2027-01-11", result.GetProperty("deadline").GetString()); // weekdays only, flagged
    }

    [Theory]
    [InlineData("start=2026-13-01&workingDays=5", "invalid-start")]
    [InlineData("workingDays=5", "invalid-start")]
    [InlineData("start=2026-09-24&workingDays=0", "invalid-working-days")]
    [InlineData("start=2026-09-24&workingDays=abc", "invalid-working-days")]
    public async Task Deadline_WithBadParameters_Is400(string query, string code)
    {
        var response = await client.GetAsync($"/api/v1/calendar/deadline?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await Json(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheReadApi()
    {
        var document = await Json(await client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/bundles", "/api/v1/bundles/{code}", "/api/v1/bundles/{code}/plan", "/api/v1/calendar/deadline", "/health" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " missing from OpenAPI");
        }
        Assert.True(paths.GetProperty("/api/v1/bundles/{code}/plan").GetProperty("post").TryGetProperty("requestBody", out _));

        // The cases API, with every method a program needs, and how to authenticate.
        var expected = new Dictionary<string, string[]>
        {
            ["/api/v1/auth/login"] = ["post"], ["/api/v1/files"] = ["post"], ["/api/v1/cases"] = ["get", "post"],
            ["/api/v1/cases/{id}"] = ["get", "put"], ["/api/v1/cases/{id}/submit"] = ["post"], ["/api/v1/cases/{id}/resubmit"] = ["post"],
            ["/api/v1/cases/{id}/supplements"] = ["post"], ["/api/v1/window/queue"] = ["get"], ["/api/v1/cases/{id}/accept"] = ["post"],
            ["/api/v1/cases/{id}/corrections"] = ["post"], ["/api/v1/cases/{id}/refuse"] = ["post"], ["/api/v1/tasks"] = ["get"],
            ["/api/v1/tasks/{id}"] = ["get"], ["/api/v1/tasks/{id}/start"] = ["post"], ["/api/v1/tasks/{id}/supplement"] = ["post"],
            ["/api/v1/tasks/{id}/suspend"] = ["post"], ["/api/v1/tasks/{id}/resume"] = ["post"], ["/api/v1/tasks/{id}/approve"] = ["post"],
            ["/api/v1/tasks/{id}/deny"] = ["post"], ["/api/v1/admin/catalog/publish"] = ["post"], ["/api/v1/admin/audit/verify"] = ["get"],
        };
        foreach (var (path, methods) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), path + " missing from OpenAPI");
            Assert.All(methods, m => Assert.True(item.TryGetProperty(m, out _), $"{m} {path} missing from OpenAPI"));
        }
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
    }
}
