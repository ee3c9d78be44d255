using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneGo.Web.Data;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Cases;

/// <summary>The ways a case is filed (draft, walk-in at the window, assistant) and the remaining window and department actions.</summary>
[Trait("Category", "Database")]
public sealed class FilingTests(OneGoFactory factory) : IClassFixture<OneGoFactory>
{
    private static string State(JsonNode node) => node["state"]!.GetValue<string>();

    [Fact]
    public async Task A_draft_is_saved_incomplete_without_a_number_and_gets_one_when_submitted()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var draft = await applicant.OkAsync(applicant.PostAsync("/api/v1/cases", new
        {
            bundle = "newborn",
            answers = Newborn.Answers("no"),
            form = new Dictionary<string, string> { ["child.name"] = "张小明" },
            submit = false,
        }));
        Assert.Equal("draft", State(draft));
        Assert.Null(draft["number"]);
        var id = draft["id"]!.GetValue<long>();

        var incomplete = await applicant.PostAsync($"/api/v1/cases/{id}/submit");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.Status);
        Assert.Equal("application-invalid", incomplete.Body!["code"]!.GetValue<string>());

        var body = await Newborn.ApplicationAsync(applicant, submit: false, maternity: "no");
        var updated = await applicant.OkAsync(applicant.SendAsync(HttpMethod.Put, $"/api/v1/cases/{id}", body));
        Assert.Equal("draft", State(updated));
        var submitted = await applicant.OkAsync(applicant.PostAsync($"/api/v1/cases/{id}/submit"));
        Assert.Equal("submitted", State(submitted));
        Assert.Matches(@"^360732-20260924-\d{5}$", submitted["number"]!.GetValue<string>());
        var again = await applicant.PostAsync($"/api/v1/cases/{id}/submit");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task The_window_files_for_a_walk_in_applicant_who_then_sees_the_case_online()
    {
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await Newborn.ApplicationAsync(clerk, maternity: "no")))!.AsObject();
        body["applicant"] = new JsonObject { ["idNumber"] = DemoSeed.LiJuan };
        var filed = await clerk.OkAsync(clerk.PostAsync("/api/v1/cases", body));
        Assert.Equal("window", filed["channel"]!.GetValue<string>());
        Assert.Equal("李娟", filed["applicantName"]!.GetValue<string>());
        Assert.Equal("李娟", filed["form"]!["applicant.name"]!.GetValue<string>()); // prefilled from the population register

        var lijuan = await ApiClient.LoginAsync(factory, "lijuan");
        var seen = await lijuan.OkAsync(lijuan.GetAsync($"/api/v1/cases/{filed["id"]}"));
        Assert.Equal(filed["number"]!.GetValue<string>(), seen["number"]!.GetValue<string>());

        var refused = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{filed["id"]}/refuse", new { reason = "新生儿已在外地办理出生登记，不属于本县受理范围" }));
        Assert.Equal("refused", State(refused));
        Assert.Contains("不予受理", refused["timeline"]!.AsArray()[^1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assistant_files_only_with_the_authorisation_recorded_and_sees_only_what_they_filed()
    {
        var assistant = await ApiClient.LoginAsync(factory, "assistant");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await Newborn.ApplicationAsync(assistant, maternity: "no")))!.AsObject();
        body["applicant"] = new JsonObject { ["idNumber"] = DemoSeed.ZhangSan };
        var (status, problem) = await assistant.PostAsync("/api/v1/cases", body.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("authorisation-required", problem!["code"]!.GetValue<string>());

        body["authorisation"] = "授权委托书 XG-2026-0917（申请人张三签字）";
        var filed = await assistant.OkAsync(assistant.PostAsync("/api/v1/cases", body.ToJsonString()));
        Assert.Equal("assistant", filed["channel"]!.GetValue<string>());
        Assert.Contains("授权委托书", filed["authorisation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("帮代办员受申请人委托", filed["timeline"]!.AsArray()[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var mine = await assistant.OkAsync(assistant.GetAsync("/api/v1/cases"));
        Assert.All(mine["items"]!.AsArray(), c => Assert.Equal("assistant", c!["channel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_special_procedure_pauses_until_the_department_resumes_it()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var reviewer = await ApiClient.ReviewerAsync(factory, "xg-health");
        var id = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();
        var task = Newborn.TaskId(await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept")), "birth-medical-certificate");

        var wrongKind = await reviewer.PostAsync($"/api/v1/tasks/{task}/suspend", new { kind = "holiday", reason = "x" });
        Assert.Equal("suspension-kind", wrongKind.Body!["code"]!.GetValue<string>());
        var suspended = await reviewer.OkAsync(reviewer.PostAsync($"/api/v1/tasks/{task}/suspend", new { kind = "expertReview", reason = "出生医学记录存疑，组织专家评审" }));
        Assert.Equal("paused", State(suspended["task"]!));
        Assert.Equal("expertReview", suspended["task"]!["pause"]!.GetValue<string>());
        var byApplicant = await applicant.PostAsync($"/api/v1/cases/{id}/supplements", new { task, materials = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Conflict, byApplicant.Status);
        var resumed = await reviewer.OkAsync(reviewer.PostAsync($"/api/v1/tasks/{task}/resume"));
        Assert.Equal("reviewing", State(resumed["task"]!));
    }

    [Fact]
    public async Task The_ui_logs_in_with_a_cookie()
    {
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "zhangsan", password = ApiClient.Password, useCookies = true });
        Assert.True(login.IsSuccessStatusCode, ((int)login.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("onego.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var me = JsonNode.Parse(await client.GetStringAsync("/api/v1/auth/me"))!;
        Assert.Equal("张三", me["displayName"]!.GetValue<string>());
        Assert.Equal("applicant", me["roles"]![0]!.GetValue<string>());
        await client.PostAsync("/api/v1/auth/logout", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_citizen_registers_under_their_real_name_only()
    {
        var client = factory.CreateClient();
        var wang = new { userName = "wangwu", password = "Wang@2026x", name = "王五", idNumber = DemoSeed.WangWu };
        var wrongName = await client.PostAsJsonAsync("/api/v1/auth/register", wang with { name = "王六" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        Assert.Contains("实名核验未通过", await wrongName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var weak = await client.PostAsJsonAsync("/api/v1/auth/register", wang with { password = "123456" });
        Assert.Contains("密码至少 8 位", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await client.PostAsJsonAsync("/api/v1/auth/register", wang);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var twice = await client.PostAsJsonAsync("/api/v1/auth/register", wang with { userName = "wangwu2" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "wangwu", password = "Wang@2026x" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
