using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Ratings;

/// <summary>
/// 好差评 and 差评整改 under <c>/api/v1</c>: the applicant rates (<c>/cases/{id}/ratings</c>); the responsible department
/// follows up, rectifies, replies and appeals (<c>/rectifications</c>); the supervision office sees every rectification,
/// decides appeals and reads the statistics.
/// </summary>
public static class RatingsApi
{
    /// <summary><c>level</c> and each score: a level code (<c>veryDissatisfied</c>) or its label (<c>非常不满意</c>); <c>scores</c> keyed by indicator code.</summary>
    public sealed record RateRequest(long? Task, string? Level, Dictionary<string, string>? Scores, string? Comment);

    public sealed record FollowUpRequest(string? Method, string? Summary);

    public sealed record ResultRequest(string? Category, string? Result);

    public sealed record ReplyRequest(string? Reply);

    public sealed record AppealRequest(string? Reason);

    public sealed record AppealDecisionRequest(bool? Uphold, string? Decision);

    public static IServiceCollection AddRatings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RatingOptions>().Bind(configuration.GetSection(RatingOptions.Section))
            .Validate(o => o.IsValid, "OneGo:Ratings：RectificationWorkingDays 应为 1 至 60 个工作日，FollowUpWorkingDays 应至少为 1 且不长于 RectificationWorkingDays")
            .ValidateOnStart();
        services.AddScoped<RatingService>();
        return services;
    }

    public static IEndpointRouteBuilder MapRatings(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Ratings").AddEndpointFilter<ProblemFilter>().RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/cases/{id:long}/ratings", async (long id, HttpContext c, RatingService s, CancellationToken ct) => Results.Ok(await s.SheetAsync(CurrentUser.From(c.User), id, ct)))
            .Produces<RatingSheet>().WithSummary("办件的好差评：按办理渠道的评价指标、尚可评价的对象（整个办件和各事项）、已有评价和责任部门的整改答复");
        api.MapPost("/cases/{id:long}/ratings", Rate).RequireAuthorization(p => p.RequireRole(Roles.Applicant))
            .Produces<RatingView>(StatusCodes.Status201Created)
            .WithSummary("申请人评价已办结的本人办件（task 为空）或其中一个事项（task 为子件编号），每个办件、每个事项各一次；差评（不满意、非常不满意）自动转责任部门整改");

        var list = api.MapGroup("/rectifications").RequireAuthorization(p => p.RequireRole(Roles.Reviewer, Roles.Supervisor));
        list.MapGet("/", List).Produces<List<RectificationView>>()
            .WithSummary("差评整改：审批人员看本部门的，督办人员看全部；可按状态（state）、部门（department）、仅超期（overdue=true）、仅待审核申诉（appeals=true）筛选");
        list.MapGet("/{id:long}", async (long id, HttpContext c, RatingService s, CancellationToken ct) => Results.Ok(await s.GetAsync(CurrentUser.From(c.User), id, ct)))
            .Produces<RectificationView>().WithSummary("一条差评整改的详情：差评内容（评价人姓名脱敏）、期限、回访、整改结果、答复和申诉");

        var department = api.MapGroup("/rectifications/{id:long}").RequireAuthorization(p => p.RequireRole(Roles.Reviewer));
        department.MapPost("/follow-up", (long id, FollowUpRequest r, HttpContext c, RatingService s, CancellationToken ct) =>
                Ok(s.FollowUpAsync(CurrentUser.From(c.User), id, ParseMethod(r.Method), r.Summary, ct)))
            .Produces<RectificationView>().WithSummary("登记回访：method 为 phone 电话、visit 上门、sms 短信或 online 网上；summary 为回访情况");
        department.MapPost("/result", (long id, ResultRequest r, HttpContext c, RatingService s, CancellationToken ct) =>
                Ok(s.RecordResultAsync(CurrentUser.From(c.User), id, ParseCategory(r.Category), r.Result, ct)))
            .Produces<RectificationView>().WithSummary("登记整改结果：category 为 immediate 立即整改、ledger 建立台账限期整改或 explanation 依法解释说明");
        department.MapPost("/reply", (long id, ReplyRequest r, HttpContext c, RatingService s, CancellationToken ct) =>
                Ok(s.ReplyAsync(CurrentUser.From(c.User), id, r.Reply, ct)))
            .Produces<RectificationView>().WithSummary("答复评价人：答复显示在申请人的办件上，并记入办件进程");
        department.MapPost("/close", (long id, HttpContext c, RatingService s, CancellationToken ct) => Ok(s.CloseAsync(CurrentUser.From(c.User), id, ct)))
            .Produces<RectificationView>().WithSummary("答复后办结整改");
        department.MapPost("/appeal", (long id, AppealRequest r, HttpContext c, RatingService s, CancellationToken ct) =>
                Ok(s.AppealAsync(CurrentUser.From(c.User), id, r.Reason, ct)))
            .Produces<RectificationView>().WithSummary("对误评、恶意差评提出申诉（整改前，限一次），由督办人员审核");

        api.MapPost("/rectifications/{id:long}/appeal/decision", (long id, AppealDecisionRequest r, HttpContext c, RatingService s, CancellationToken ct) =>
                Ok(s.DecideAppealAsync(CurrentUser.From(c.User), id,
                    r.Uphold ?? throw ProblemException.BadRequest("uphold-required", "请选择申诉是否成立（uphold 为 true 或 false）"), r.Decision, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Supervisor))
            .Produces<RectificationView>().WithSummary("督办人员审核申诉：uphold=true 申诉成立，差评作废、不计入统计；false 申诉不成立，部门继续整改");

        api.MapGet("/ratings/statistics", Statistics).RequireAuthorization(p => p.RequireRole(Roles.Supervisor))
            .Produces<RatingStatisticsReport>()
            .WithSummary("好差评统计（评价日期 from–to，可按一件事 bundle、部门 department 筛选）：各等级数量、满意率、差评率、平均分，按一件事和部门分组，以及整改情况；申诉成立的差评不计入");
        return app;
    }

    private static async Task<IResult> Ok(Task<RectificationView> action) => Results.Ok(await action);

    private static async Task<IResult> Rate(long id, RateRequest request, HttpContext context, RatingService service, CancellationToken cancellationToken)
    {
        var input = Parse(request);
        var view = await service.RateAsync(CurrentUser.From(context.User), id, input, cancellationToken);
        return Results.Created($"/api/v1/cases/{id}/ratings", view);
    }

    private static async Task<IResult> List(HttpContext context, RatingService service, string? state, string? department, bool? overdue, bool? appeals, CancellationToken cancellationToken)
    {
        RectificationState? wanted = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<RectificationState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw ProblemException.BadRequest("invalid-state", $"没有整改状态“{state}”，可选：{string.Join("、", Enum.GetNames<RectificationState>())}");
            }
            wanted = parsed;
        }
        return Results.Ok(await service.ListAsync(CurrentUser.From(context.User), new RectificationFilter(wanted, overdue ?? false, department, appeals ?? false), cancellationToken));
    }

    private static async Task<IResult> Statistics(HttpContext context, RatingService service, DateOnly? from, DateOnly? to, string? bundle, string? department, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && t < f)
        {
            throw ProblemException.BadRequest("invalid-range", "统计截止日期不能早于起始日期");
        }
        return Results.Ok(await RatingStatistics.QueryAsync(service.Db, new RatingStatisticsQuery(from, to, bundle, department), Case.Today(service.Now), cancellationToken));
    }

    /// <summary>Turns the request into the domain's input, with a Chinese message for every unreadable part.</summary>
    public static RatingInput Parse(RateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RatingLevels.TryParse(request.Level, out var level))
        {
            throw ProblemException.BadRequest("level-invalid", $"请选择评价等级（level）：{RatingLevels.Choices}");
        }
        var scores = new Dictionary<RatingIndicator, RatingLevel>();
        foreach (var (key, value) in request.Scores ?? [])
        {
            if (!RatingIndicators.TryParse(key, out var indicator))
            {
                throw ProblemException.BadRequest("indicator-unknown", $"没有评价指标“{key}”，可选：{string.Join("、", Enum.GetValues<RatingIndicator>().Select(i => $"{JsonName(i)}（{i.Label()}）"))}");
            }
            if (!RatingLevels.TryParse(value, out var score))
            {
                throw ProblemException.BadRequest("indicator-level-invalid", $"“{indicator.Label()}”的评分应为{RatingLevels.Choices}之一");
            }
            scores[indicator] = score;
        }
        return new RatingInput(request.Task, level, scores, request.Comment);
    }

    public static FollowUpMethod ParseMethod(string? method) => method?.Trim().ToLowerInvariant() switch
    {
        "phone" or "电话" or "电话回访" => FollowUpMethod.Phone,
        "visit" or "上门" or "上门（当面）回访" => FollowUpMethod.Visit,
        "sms" or "短信" or "短信回访" => FollowUpMethod.Sms,
        "online" or "网上" or "网上回访" => FollowUpMethod.Online,
        _ => throw ProblemException.BadRequest("follow-up-method", "回访方式（method）应为 phone 电话、visit 上门、sms 短信或 online 网上"),
    };

    public static RectificationCategory ParseCategory(string? category) => category?.Trim().ToLowerInvariant() switch
    {
        "immediate" or "立即整改" => RectificationCategory.Immediate,
        "ledger" or "建立台账限期整改" => RectificationCategory.Ledger,
        "explanation" or "依法解释说明" => RectificationCategory.Explanation,
        _ => throw ProblemException.BadRequest("rectification-category", "整改方式（category）应为 immediate 立即整改、ledger 建立台账限期整改或 explanation 依法解释说明"),
    };

    private static string JsonName(RatingIndicator indicator) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(indicator.ToString());
}
