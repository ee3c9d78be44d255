using System.Net;
using System.Text.Json.Nodes;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Cases;

/// <summary>
/// The newborn bundle through the HTTP API, on the database the test run selects (SQLite or PostgreSQL):
/// one acceptance, parallel tasks, a strict prerequisite waiting, a pre-review task deciding only after its
/// prerequisite, results arriving as materials, tolerance then supplement, corrections, denial cascading,
/// partial completion and concurrent decisions.
/// </summary>
[Trait("Category", "Database")]
public sealed class NewbornLifecycleTests(OneGoFactory factory) : IClassFixture<OneGoFactory>
{
    private const string Health = "xg-health";
    private const string Cdc = "xg-cdc";
    private const string Police = "xg-police";
    private const string MedicalInsurance = "xg-medical-insurance";
    private const string Hrss = "xg-hrss";

    private static string State(JsonNode node) => node["state"]!.GetValue<string>();

    private static string Code(JsonNode? problem) => problem!["code"]!.GetValue<string>();

    private async Task<JsonNode> DecideAsync(string department, long taskId, string action, object? body = null)
    {
        var reviewer = await ApiClient.ReviewerAsync(factory, department);
        return await reviewer.OkAsync(reviewer.PostAsync($"/api/v1/tasks/{taskId}/{action}", body));
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> TryDecideAsync(string department, long taskId, string action, object? body = null)
    {
        var reviewer = await ApiClient.ReviewerAsync(factory, department);
        return await reviewer.PostAsync($"/api/v1/tasks/{taskId}/{action}", body);
    }

    [Fact]
    public async Task The_whole_newborn_journey_completes_with_every_matter_approved()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");

        var submitted = await Newborn.SubmitAsync(applicant);
        Assert.Equal("submitted", State(submitted));
        Assert.Matches(@"^360732-20260924-\d{5}$", submitted["number"]!.GetValue<string>());
        var materials = submitted["plan"]!["materials"]!.AsArray();
        Assert.Equal("license", materials.Single(m => m!["key"]!.GetValue<string>() == "marriage-certificate")!["exemption"]!["kind"]!.GetValue<string>());
        Assert.Equal("bundleResult", materials.Single(m => m!["key"]!.GetValue<string>() == "birth-medical-certificate")!["exemption"]!["kind"]!.GetValue<string>());
        var nameField = submitted["plan"]!["form"]!.AsArray().SelectMany(s => s!["fields"]!.AsArray()).Single(f => f!["key"]!.GetValue<string>() == "applicant.name")!;
        Assert.Equal("张三", nameField["prefillValue"]!.GetValue<string>());
        Assert.Equal("张三", submitted["form"]!["applicant.name"]!.GetValue<string>());

        var id = submitted["id"]!.GetValue<long>();
        var inQueue = await clerk.OkAsync(clerk.GetAsync("/api/v1/window/queue"));
        var queued = inQueue.AsArray().SingleOrDefault(c => c!["id"]!.GetValue<long>() == id);
        Assert.True(queued is not null, inQueue.ToJsonString());
        Assert.Equal("张*", queued["applicantName"]!.GetValue<string>());

        var accepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept", new
        {
            tolerance = new { materials = new[] { "diagnosis-certificate", "expense-list" }, supplementWorkingDays = 5, commitment = "本人承诺于五个工作日内补交诊断证明和费用清单" },
        }));
        Assert.Equal("inProgress", State(accepted));
        Assert.Equal("withTolerance", accepted["acceptance"]!.GetValue<string>());
        Assert.Equal("2026-10-09", accepted["deadlineOn"]!.GetValue<string>()); // 5 working days over 中秋 and 国庆
        Assert.Equal("2026-10-09", accepted["toleranceDeadline"]!.GetValue<string>());
        Assert.Equal("received", State(Newborn.Task(accepted, "birth-medical-certificate")));
        Assert.Equal("received", State(Newborn.Task(accepted, "vaccination-certificate")));
        Assert.Equal("waiting", State(Newborn.Task(accepted, "birth-registration")));
        Assert.Equal("waiting", State(Newborn.Task(accepted, "resident-medical-enrolment")));
        Assert.Equal("received", State(Newborn.Task(accepted, "social-security-card")));
        Assert.Equal("received", State(Newborn.Task(accepted, "maternity-medical-benefit")));

        // Pre-review: the social-security department reviews at once but cannot decide before the registration result.
        var card = Newborn.TaskId(accepted, "social-security-card");
        await DecideAsync(Hrss, card, "start");
        var early = await TryDecideAsync(Hrss, card, "approve");
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        Assert.Equal("prerequisite-open", Code(early.Body));
        Assert.Contains("出生登记", early.Body!["detail"]!.GetValue<string>());

        // A task still waiting for its strict prerequisite cannot be started.
        var registration = Newborn.TaskId(accepted, "birth-registration");
        var tooSoon = await TryDecideAsync(Police, registration, "start");
        Assert.Equal(HttpStatusCode.Conflict, tooSoon.Status);

        await DecideAsync(Health, Newborn.TaskId(accepted, "birth-medical-certificate"), "approve", new { result = new { certificateNo = "R360732000123" } });
        var policeView = await DecideAsync(Police, registration, "start");
        Assert.Equal("reviewing", State(policeView["task"]!));
        // The certificate arrived from the health commission as a material; the applicant never uploaded it.
        Assert.Contains(policeView["materials"]!.AsArray(), m => m!["key"]!.GetValue<string>() == "birth-medical-certificate" && m["origin"]!.GetValue<string>() == "taskResult");
        Assert.Contains(policeView["prerequisites"]!.AsArray(), p => p!["matter"]!.GetValue<string>() == "birth-medical-certificate" && State(p) == "approved");

        await DecideAsync(Cdc, Newborn.TaskId(accepted, "vaccination-certificate"), "approve");
        await DecideAsync(Police, registration, "approve", new { result = new { childIdNumber = "36073220260920001X" } });
        await DecideAsync(MedicalInsurance, Newborn.TaskId(accepted, "resident-medical-enrolment"), "approve");
        await DecideAsync(Hrss, card, "approve");

        // The tolerated materials hold the maternity decision until they are supplied.
        var maternity = Newborn.TaskId(accepted, "maternity-medical-benefit");
        var held = await TryDecideAsync(MedicalInsurance, maternity, "approve");
        Assert.Equal(HttpStatusCode.Conflict, held.Status);
        Assert.Equal("tolerated-material-missing", Code(held.Body));
        Assert.Contains("住院费用清单", held.Body!["detail"]!.GetValue<string>());

        var supplied = await applicant.OkAsync(applicant.PostAsync($"/api/v1/cases/{id}/supplements", new
        {
            materials = new[]
            {
                new { key = "diagnosis-certificate", file = await applicant.UploadAsync("诊断证明.pdf"), name = "诊断证明.pdf" },
                new { key = "expense-list", file = await applicant.UploadAsync("费用清单.pdf"), name = "费用清单.pdf" },
            },
        }));
        Assert.Empty(supplied["outstandingMaterials"]!.AsArray());
        await DecideAsync(MedicalInsurance, maternity, "approve");

        var done = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal("completed", State(done));
        Assert.All(done["tasks"]!.AsArray(), t => Assert.Equal("approved", State(t!)));
        Assert.Equal(6, done["tasks"]!.AsArray().Count);
        var timeline = done["timeline"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()).ToList();
        Assert.Contains(timeline, t => t.StartsWith("容缺受理", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("收到“出生医学证明首次签发”的办理结果", StringComparison.Ordinal));
        Assert.Equal("全部 6 个事项准予，办结", timeline[^1]);

        var admin = await ApiClient.LoginAsync(factory, "admin");
        var audit = await admin.OkAsync(admin.GetAsync("/api/v1/admin/audit/verify"));
        Assert.True(audit["intact"]!.GetValue<bool>(), audit.ToJsonString());
    }

    [Fact]
    public async Task The_correction_loop_lists_everything_once_and_the_resubmitted_case_is_accepted()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var id = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();

        var empty = await clerk.PostAsync($"/api/v1/cases/{id}/corrections", new { items = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        var notice = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/corrections", new { items = new[] { "出生医学记录照片不清晰，请重新上传", "首针疫苗接种记录缺少接种单位盖章" } }));
        Assert.Equal("correctionRequested", State(notice));
        Assert.Null(notice["deadlineOn"]);

        var seen = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal(2, seen["correctionItems"]!.AsArray().Count);
        var cannotAccept = await clerk.PostAsync($"/api/v1/cases/{id}/accept");
        Assert.Equal(HttpStatusCode.Conflict, cannotAccept.Status);

        var resubmitted = await applicant.OkAsync(applicant.PostAsync($"/api/v1/cases/{id}/resubmit", await Newborn.ApplicationAsync(applicant, maternity: "no")));
        Assert.Equal("submitted", State(resubmitted));
        Assert.Equal(1, resubmitted["correctionRounds"]!.GetValue<int>());
        Assert.Empty(resubmitted["correctionItems"]!.AsArray());
        var accepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept"));
        Assert.Equal("inProgress", State(accepted));
        Assert.Equal("full", accepted["acceptance"]!.GetValue<string>());
        Assert.Equal(5, accepted["tasks"]!.AsArray().Count); // no maternity benefit asked for
    }

    [Fact]
    public async Task A_denial_cancels_only_strict_dependents_and_the_case_completes_partially()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var id = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();
        var accepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept"));

        await DecideAsync(Health, Newborn.TaskId(accepted, "birth-medical-certificate"), "approve");
        var denyWithoutReason = await TryDecideAsync(Police, Newborn.TaskId(accepted, "birth-registration"), "deny", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, denyWithoutReason.Status);
        await DecideAsync(Police, Newborn.TaskId(accepted, "birth-registration"), "deny", new { reason = "父母双方户籍均不在本县，不符合出生登记条件" });

        var after = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal("cancelled", State(Newborn.Task(after, "resident-medical-enrolment")));
        Assert.Contains("出生登记", Newborn.Task(after, "resident-medical-enrolment")["reason"]!.GetValue<string>());
        Assert.Equal("received", State(Newborn.Task(after, "social-security-card"))); // pre-review edge: goes on
        Assert.Equal("inProgress", State(after));

        var cannot = await TryDecideAsync(Hrss, Newborn.TaskId(accepted, "social-security-card"), "approve");
        Assert.Equal("prerequisite-denied", Code(cannot.Body));
        await DecideAsync(Hrss, Newborn.TaskId(accepted, "social-security-card"), "deny", new { reason = "新生儿无公民身份号码，无法制卡" });
        await DecideAsync(Cdc, Newborn.TaskId(accepted, "vaccination-certificate"), "approve");

        var closed = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{id}"));
        Assert.Equal("partiallyCompleted", State(closed));
        Assert.Equal(2, closed["tasks"]!.AsArray().Count(t => State(t!) == "approved"));
    }

    [Fact]
    public async Task A_supplement_pauses_the_task_clock_and_the_applicants_answer_resumes_it_with_the_deadline_pushed_back()
    {
        // This test moves the clock forward, so it has an application of its own.
        using var app = new OneGoFactory();
        var applicant = await ApiClient.LoginAsync(app, "zhangsan");
        var clerk = await ApiClient.LoginAsync(app, "window");
        var id = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();
        var accepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept"));
        var task = Newborn.TaskId(accepted, "birth-medical-certificate");
        Assert.Equal("2026-10-09", Newborn.Task(accepted, "birth-medical-certificate")["deadlineOn"]!.GetValue<string>());

        var reviewer = await ApiClient.ReviewerAsync(app, Health);
        var paused = await reviewer.OkAsync(reviewer.PostAsync($"/api/v1/tasks/{task}/supplement", new { items = new[] { "出生医学记录缺少第二页，请补传" } }));
        Assert.Equal("paused", State(paused["task"]!));
        Assert.Equal("supplement", paused["task"]!["pause"]!.GetValue<string>());
        var cannotApprove = await reviewer.PostAsync($"/api/v1/tasks/{task}/approve");
        Assert.Equal(HttpStatusCode.Conflict, cannotApprove.Status);

        // 张三 answers on Wednesday 9-30: 9-28, 9-29 and 9-30 were paused.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero));
        applicant = await ApiClient.LoginAsync(app, "zhangsan"); // six days later: a new session
        {
            var resumed = await applicant.OkAsync(applicant.PostAsync($"/api/v1/cases/{id}/supplements", new
            {
                task,
                materials = new[] { new { key = "birth-medical-record", file = await applicant.UploadAsync("出生医学记录-第二页.pdf"), name = "出生医学记录-第二页.pdf" } },
            }));
            var resumedTask = Newborn.Task(resumed, "birth-medical-certificate");
            Assert.Equal("reviewing", State(resumedTask));
            Assert.Equal(3, resumedTask["pausedWorkingDays"]!.GetValue<int>());
            Assert.Equal("2026-10-13", resumedTask["deadlineOn"]!.GetValue<string>());
            Assert.Equal("2026-10-13", resumed["deadlineOn"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Two_deciders_at_the_same_moment_one_wins_and_the_other_gets_a_clear_conflict()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var admin = await ApiClient.LoginAsync(factory, "admin");
        var reviewer = await ApiClient.ReviewerAsync(factory, Health);
        // The health commission's business system decides through its API key at the same moment as the reviewer.
        var key = (await admin.OkAsync(admin.PostAsync("/api/v1/admin/api-keys", new { name = "卫健业务系统", department = Health })))["key"]!.GetValue<string>();
        using var system = factory.CreateClient();
        system.DefaultRequestHeaders.Add("X-Api-Key", key);

        for (var round = 0; round < 6; round++)
        {
            var id = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();
            var task = Newborn.TaskId(await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept")), "birth-medical-certificate");

            var approve = reviewer.PostAsync($"/api/v1/tasks/{task}/approve");
            var deny = system.PostAsync($"/api/v1/tasks/{task}/deny", System.Net.Http.Json.JsonContent.Create(new { reason = "材料与出生医学记录不符" }));
            await Task.WhenAll(approve, deny);
            var approveStatus = (await approve).Status;
            using var denyResponse = await deny;
            var statuses = new[] { approveStatus, denyResponse.StatusCode };

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Conflict));
            var loser = approveStatus == HttpStatusCode.Conflict ? (await approve).Body! : JsonNode.Parse(await denyResponse.Content.ReadAsStringAsync())!;
            Assert.Contains("已由", loser["detail"]!.GetValue<string>());
            Assert.Equal("task-not-reviewing", Code(loser));

            var final = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{id}"));
            var decided = Newborn.Task(final, "birth-medical-certificate");
            Assert.Equal(approveStatus == HttpStatusCode.OK ? "approved" : "denied", State(decided));
            Assert.Single(final["timeline"]!.AsArray(), e => e!["task"]?.GetValue<long>() == task && e["kind"]!.GetValue<string>() is "taskApproved" or "taskDenied");
        }
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_idempotency_key_returns_the_first_case()
    {
        var applicant = await ApiClient.LoginAsync(factory, "lijuan");
        var body = System.Text.Json.JsonSerializer.Serialize(await Newborn.ApplicationAsync(applicant, maternity: "no") is var app ? app : null);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "newborn-" + Guid.NewGuid() };
        var before = (await applicant.OkAsync(applicant.GetAsync("/api/v1/cases")))["total"]!.GetValue<int>();

        var first = await applicant.PostAsync("/api/v1/cases", body, headers);
        var again = await applicant.PostAsync("/api/v1/cases", body, headers);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Body!["id"]!.GetValue<long>(), again.Body!["id"]!.GetValue<long>());
        Assert.Equal(first.Body!["number"]!.GetValue<string>(), again.Body!["number"]!.GetValue<string>());
        var different = await applicant.PostAsync("/api/v1/cases", body.Replace("\"3400\"", "\"3500\"", StringComparison.Ordinal), headers);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.Status);
        Assert.Equal("idempotency-key-reused", Code(different.Body));
        Assert.Equal(before + 1, (await applicant.OkAsync(applicant.GetAsync("/api/v1/cases")))["total"]!.GetValue<int>());
    }
}
