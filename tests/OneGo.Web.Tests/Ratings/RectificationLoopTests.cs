using System.Net;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Ratings;

/// <summary>好差评 through the API on SQLite and PostgreSQL: a bad review of one matter and its rectification by that department.</summary>
[Trait("Category", "Database")]
public sealed class RectificationLoopTests : IClassFixture<OneGoFactory>
{
    private readonly OneGoFactory _factory;

    public RectificationLoopTests(OneGoFactory factory) => _factory = factory;

    [Fact]
    public async Task A_bad_review_of_a_matter_goes_to_its_department_only_which_follows_up_rectifies_and_replies_to_the_applicant()
    {
        var done = await Newborn.CompletedAsync(_factory);
        var caseId = Rate.Id(done);
        var matter = Newborn.TaskId(done, "birth-registration");
        var applicant = await ApiClient.LoginAsync(_factory, "zhangsan");

        var sheet = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{caseId}/ratings"));
        Assert.True(sheet["canRate"]!.GetValue<bool>());
        Assert.Equal("online", Rate.Text(sheet, "channel"));
        Assert.Equal(Rate.OnlineIndicators, sheet["indicators"]!.AsArray().Select(i => Rate.Text(i!, "indicator")));
        Assert.Contains(sheet["open"]!.AsArray(), s => s!["task"]?.GetValue<long>() == matter);

        var rating = await Rate.OkAsync(applicant, caseId, matter, "非常不满意", "上户口时窗口让我跑了两趟");
        Assert.Equal("veryDissatisfied", Rate.Text(rating, "level"));
        Assert.True(rating["isBad"]!.GetValue<bool>());
        Assert.Equal("兴国县公安局", Rate.Text(rating, "departmentName"));

        var again = await Rate.PostAsync(applicant, caseId, matter, "满意");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("already-rated", Rate.Text(again.Body!, "code"));

        // Only the rated matter's department gets the rectification.
        var police = await ApiClient.ReviewerAsync(_factory, "xg-police");
        var item = Rate.OfCase(await police.OkAsync(police.GetAsync("/api/v1/rectifications")), caseId)!;
        var id = Rate.Id(item);
        Assert.Equal("open", Rate.Text(item, "state"));
        Assert.Equal("张*", Rate.Text(item, "raterName"));
        Assert.Equal("上户口时窗口让我跑了两趟", Rate.Text(item, "comment"));
        // Rated on Thursday 2026-09-24: 1 working day to follow up (after 中秋), 5 to answer (after 国庆).
        Assert.Equal("2026-09-28", Rate.Text(item, "followUpDeadlineOn"));
        Assert.Equal("2026-10-09", Rate.Text(item, "deadlineOn"));
        Assert.Equal(5, item["remainingWorkingDays"]!.GetValue<int>());
        Assert.False(item["overdue"]!.GetValue<bool>());
        foreach (var other in new[] { "xg-health", "xg-cdc", "xg-hrss", "xg-medical-insurance" })
        {
            var reviewer = await ApiClient.ReviewerAsync(_factory, other);
            Assert.Null(Rate.OfCase(await reviewer.OkAsync(reviewer.GetAsync("/api/v1/rectifications")), caseId));
            Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/v1/rectifications/{id}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsync($"/api/v1/rectifications/{id}/follow-up", new { method = "phone", summary = "越权" })).Status);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/rectifications")).Status);

        var early = await police.PostAsync($"/api/v1/rectifications/{id}/reply", new { reply = "已整改" });
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        Assert.Contains("请先回访", Rate.Text(early.Body!, "detail"), StringComparison.Ordinal);
        var badMethod = await police.PostAsync($"/api/v1/rectifications/{id}/follow-up", new { method = "pigeon", summary = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badMethod.Status);
        Assert.Contains("回访方式", Rate.Text(badMethod.Body!, "detail"), StringComparison.Ordinal);

        var followed = await police.OkAsync(police.PostAsync($"/api/v1/rectifications/{id}/follow-up", new { method = "phone", summary = "电话联系张三，了解到出生登记材料清单不清楚" }));
        Assert.Equal("followedUp", Rate.Text(followed, "state"));
        var rectified = await police.OkAsync(police.PostAsync($"/api/v1/rectifications/{id}/result", new { category = "immediate", result = "已在窗口张贴出生登记一次性告知单" }));
        Assert.Equal("立即整改", Rate.Text(rectified, "categoryLabel"));
        const string Reply = "感谢您的意见，我们已在窗口张贴一次性告知单，避免群众多跑";
        var replied = await police.OkAsync(police.PostAsync($"/api/v1/rectifications/{id}/reply", new { reply = Reply }));
        Assert.Equal("replied", Rate.Text(replied, "state"));
        Assert.Null(replied["remainingWorkingDays"]);

        var seen = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{caseId}/ratings"));
        var mine = seen["ratings"]!.AsArray().Single(r => r!["task"]?.GetValue<long>() == matter)!;
        Assert.Equal("张三", Rate.Text(mine, "raterName"));
        var answer = mine["replies"]!.AsArray().Single()!;
        Assert.Equal(Reply, Rate.Text(answer, "reply"));
        Assert.Equal("兴国县公安局", Rate.Text(answer, "departmentName"));
        Assert.DoesNotContain(seen["open"]!.AsArray(), s => s!["task"]?.GetValue<long>() == matter);
        var timeline = (await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{caseId}")))["timeline"]!.AsArray();
        Assert.Contains(timeline, e => Rate.Text(e!, "kind") == "rated");
        Assert.Contains(timeline, e => Rate.Text(e!, "kind") == "ratingReplied" && Rate.Text(e!, "text").Contains(Reply, StringComparison.Ordinal));

        var closed = await police.OkAsync(police.PostAsync($"/api/v1/rectifications/{id}/close"));
        Assert.Equal("closed", Rate.Text(closed, "state"));
        var supervisor = await ApiClient.LoginAsync(_factory, "supervisor");
        Assert.Equal("closed", Rate.Text(await supervisor.OkAsync(supervisor.GetAsync($"/api/v1/rectifications/{id}")), "state"));
    }

    [Fact]
    public async Task Only_the_applicant_rates_only_their_own_closed_case_with_readable_input()
    {
        var applicant = await ApiClient.LoginAsync(_factory, "zhangsan");
        var open = await Newborn.SubmitAsync(applicant);
        var refused = await Rate.PostAsync(applicant, Rate.Id(open), null, "满意");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("not-completed", Rate.Text(refused.Body!, "code"));
        Assert.Contains("办结后才能评价", Rate.Text(refused.Body!, "detail"), StringComparison.Ordinal);
        Assert.False((await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{Rate.Id(open)}/ratings")))["canRate"]!.GetValue<bool>());

        var done = await Newborn.CompletedAsync(_factory);
        var caseId = Rate.Id(done);
        var stranger = await ApiClient.LoginAsync(_factory, "lisi");
        Assert.Equal(HttpStatusCode.NotFound, (await Rate.PostAsync(stranger, caseId, null, "非常不满意", "恶意")).Status);
        var clerk = await ApiClient.LoginAsync(_factory, "window");
        Assert.Equal(HttpStatusCode.Forbidden, (await Rate.PostAsync(clerk, caseId, null, "满意")).Status);

        var level = await applicant.PostAsync($"/api/v1/cases/{caseId}/ratings", new { level = "还行", scores = Rate.Scores("满意") });
        Assert.Equal(HttpStatusCode.BadRequest, level.Status);
        Assert.Contains("非常满意、满意、基本满意、不满意、非常不满意", Rate.Text(level.Body!, "detail"), StringComparison.Ordinal);
        var missing = await applicant.PostAsync($"/api/v1/cases/{caseId}/ratings", new { level = "satisfied", scores = new Dictionary<string, string> { ["overallSatisfaction"] = "satisfied" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("indicator-missing", Rate.Text(missing.Body!, "code"));
        Assert.Contains("办事效率", Rate.Text(missing.Body!, "detail"), StringComparison.Ordinal);
        var window = Rate.Scores("satisfied");
        window["attitude"] = "satisfied";
        var foreign = await applicant.PostAsync($"/api/v1/cases/{caseId}/ratings", new { level = "satisfied", scores = window });
        Assert.Equal("indicator-not-applicable", Rate.Text(foreign.Body!, "code"));
        var silent = await Rate.PostAsync(applicant, caseId, null, "dissatisfied");
        Assert.Equal("comment-required", Rate.Text(silent.Body!, "code"));
        var tooLong = await Rate.PostAsync(applicant, caseId, null, "satisfied", new string('好', 501));
        Assert.Equal("comment-too-long", Rate.Text(tooLong.Body!, "code"));

        // None of the refusals used up the rating.
        var good = await Rate.OkAsync(applicant, caseId, null, "satisfied", "一次办好");
        Assert.False(good["isBad"]!.GetValue<bool>());
        var supervisor = await ApiClient.LoginAsync(_factory, "supervisor");
        Assert.Null(Rate.OfCase(await supervisor.OkAsync(supervisor.GetAsync("/api/v1/rectifications")), caseId));
    }
}
