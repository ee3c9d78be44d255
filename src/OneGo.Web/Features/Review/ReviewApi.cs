using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Web.Data;
using OneGo.Web.Features.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Review;

/// <summary>部门审批: the department's task inbox and the decisions on a task.</summary>
public static class ReviewApi
{
    public sealed record ItemsRequest(List<string>? Items);

    public sealed record SuspendRequest(string? Kind, string? Reason);

    public sealed record ApproveRequest(JsonElement? Result);

    public sealed record DenyRequest(string? Reason);

    public sealed record InboxItem(TaskView Task, string? CaseNumber, string BundleName, string ApplicantName);

    /// <summary>A form value; <c>Text</c> is what the applicant chose as they read it (the option's label), else the value.</summary>
    public sealed record FieldValue(string Key, string Label, string? Value, string? Text);

    public sealed record Prerequisite(string Matter, string MatterName, string Mode, TaskState State, string StateLabel);

    /// <summary>What a reviewer needs to decide: the fields this matter uses, its materials, results received and the prerequisites' states.</summary>
    public sealed record TaskDetail(TaskView Task, string? CaseNumber, string BundleName, string ApplicantName, IReadOnlyList<FieldValue> Form,
        IReadOnlyList<MaterialView> Materials, IReadOnlyList<Prerequisite> Prerequisites, IReadOnlyList<string> OutstandingMaterials, int CaseVersion);

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Review").AddEndpointFilter<ProblemFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapGet("/", Inbox).RequireAuthorization(p => p.RequireRole(Roles.Reviewer, Roles.Supervisor))
            .Produces<List<InboxItem>>().WithSummary("本部门子件收件箱，按剩余工作日排序（督办人员看全部）");
        tasks.MapGet("/{id:long}", Get).RequireAuthorization(p => p.RequireRole(Roles.Reviewer, Roles.Supervisor))
            .Produces<TaskDetail>().WithSummary("子件详情：本事项需要的表单数据、材料、其他部门推送的结果和前置事项状态");
        var act = tasks.MapGroup("/{id:long}").RequireAuthorization(p => p.RequireRole(Roles.Reviewer));
        act.MapPost("/start", (long id, HttpContext c, CaseService s, CancellationToken ct) => Act(id, c, s, Start(), ct))
            .Produces<TaskDetail>().WithSummary("开始审查（预审）");
        act.MapPost("/supplement", (long id, ItemsRequest request, HttpContext c, CaseService s, CancellationToken ct) => Act(id, c, s, Supplement(request.Items ?? []), ct))
            .Produces<TaskDetail>().WithSummary("要求申请人补正（暂停计时）");
        act.MapPost("/suspend", (long id, SuspendRequest request, HttpContext c, CaseService s, CancellationToken ct) => Act(id, c, s, Suspend(request.Kind, request.Reason), ct))
            .Produces<TaskDetail>().WithSummary("进入特别程序：hearing 听证、testing 检验检测、expertReview 专家评审（暂停计时）");
        act.MapPost("/resume", (long id, HttpContext c, CaseService s, CancellationToken ct) => Act(id, c, s, Resume(), ct))
            .Produces<TaskDetail>().WithSummary("特别程序结束，恢复计时");
        act.MapPost("/approve", (long id, ApproveRequest? request, HttpContext c, CaseService s, CancellationToken ct) => Act(id, c, s, Approve(request?.Result), ct))
            .Produces<TaskDetail>().WithSummary("准予，附办理结果数据；结果自动推送给依赖它的事项");
        act.MapPost("/deny", (long id, DenyRequest request, HttpContext c, CaseService s, CancellationToken ct) => Act(id, c, s, Deny(request.Reason), ct))
            .Produces<TaskDetail>().WithSummary("不予许可（须说明理由）；以它为严格前置的事项随之终止");
        return app;
    }

    private static async Task<IResult> Act(long id, HttpContext context, CaseService service, TaskDecision decision, CancellationToken cancellationToken) =>
        Results.Ok(await DecideAsync(service, CurrentUser.From(context.User), id, decision, cancellationToken));

    /// <summary>A reviewer's decision on a task, applied by the domain (the API and the task page share them).</summary>
    public delegate void TaskDecision(Case @case, CaseTask task, OneGo.Domain.Calendar.WorkCalendar calendar, DateTimeOffset now, Actor actor, IMaterialNames names);

    public static TaskDecision Start() => (@case, task, calendar, now, actor, names) => @case.StartReview(task.Id, actor, now);

    public static TaskDecision Supplement(IReadOnlyList<string> items) => (@case, task, calendar, now, actor, names) => @case.RequestSupplement(task.Id, items, actor, now, calendar);

    /// <summary><paramref name="kind"/>: hearing, testing or expertReview.</summary>
    public static TaskDecision Suspend(string? kind, string? reason) =>
        (@case, task, calendar, now, actor, names) => @case.Suspend(task.Id, ParseKind(kind), reason ?? string.Empty, actor, now);

    public static TaskDecision Resume() => (@case, task, calendar, now, actor, names) => @case.Resume(task.Id, actor, now, calendar);

    /// <summary>
    /// <paramref name="result"/>: a JSON object of the result's data (document number…), or null. It is checked when the
    /// decision applies, so a task out of the reviewer's scope answers 404 whatever the body.
    /// </summary>
    public static TaskDecision Approve(JsonElement? result) => (@case, task, calendar, now, actor, names) => @case.Approve(task.Id, ResultJson(result), actor, now, calendar, names);

    public static TaskDecision Deny(string? reason) => (@case, task, calendar, now, actor, names) => @case.Deny(task.Id, reason ?? string.Empty, actor, now, calendar);

    /// <summary>Applies a decision as this reviewer and returns the task as it is now.</summary>
    public static async Task<TaskDetail> DecideAsync(CaseService service, CurrentUser user, long taskId, TaskDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(decision);
        var @case = await service.ActOnTaskAsync(user, taskId, (@case, task, calendar, now, names) => decision(@case, task, calendar, now, CaseService.Actor(user), names), cancellationToken);
        return await DetailOfAsync(service, @case, taskId, cancellationToken);
    }

    private static PauseKind ParseKind(string? kind) => kind switch
    {
        "hearing" => PauseKind.Hearing,
        "testing" => PauseKind.Testing,
        "expertReview" => PauseKind.ExpertReview,
        _ => throw ProblemException.BadRequest("suspension-kind", "kind 应为 hearing（听证）、testing（检验检测）或 expertReview（专家评审）"),
    };

    private static string? ResultJson(JsonElement? result) => result switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Object } r => r.GetRawText(),
        _ => throw ProblemException.BadRequest("result-invalid", "result 应为对象，如 {\"certificateNo\": \"…\"}"),
    };

    private static async Task<IResult> Inbox(HttpContext context, CaseService service, string? state, CancellationToken cancellationToken)
    {
        TaskState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<TaskState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw ProblemException.BadRequest("invalid-state", $"没有状态“{state}”，可选：{string.Join("、", Enum.GetNames<TaskState>())}");
            }
            wanted = parsed;
        }
        return Results.Ok(await InboxAsync(service, CurrentUser.From(context.User), wanted, cancellationToken));
    }

    /// <summary>
    /// The department's tasks (all departments' for supervisors) in <paramref name="state"/>, or the open ones when
    /// null, most urgent first; applicants' names masked.
    /// </summary>
    public static async Task<List<InboxItem>> InboxAsync(CaseService service, CurrentUser user, TaskState? state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(user);
        var query = service.Db.Tasks.AsNoTracking();
        if (!user.Is(Roles.Supervisor))
        {
            query = query.Where(t => t.DepartmentCode == user.Department);
        }
        query = state is { } wanted
            ? query.Where(t => t.State == wanted)
            : query.Where(t => t.State != TaskState.Approved && t.State != TaskState.Denied && t.State != TaskState.Cancelled);
        var rows = await query.OrderBy(t => t.DeadlineOn).ThenBy(t => t.Id).Take(500)
            .Join(service.Db.Cases, t => t.CaseId, c => c.Id, (t, c) => new { Task = t, c.Number, c.BundleName, c.ApplicantName })
            .ToListAsync(cancellationToken);
        var calendar = await service.CalendarAsync(cancellationToken);
        var today = Case.Today(service.Now);
        return rows.Select(r => new InboxItem(TaskView.From(r.Task, calendar, today, service.Warnings), r.Number, r.BundleName, CaseQueries.MaskName(r.ApplicantName)))
            .OrderBy(i => i.Task.RemainingWorkingDays ?? int.MaxValue).ToList();
    }

    private static async Task<IResult> Get(long id, HttpContext context, CaseService service, CancellationToken cancellationToken) =>
        Results.Ok(await DetailAsync(service, CurrentUser.From(context.User), id, cancellationToken));

    /// <summary>The task this user may see (their department's, or any for supervisors); 404 otherwise.</summary>
    public static async Task<TaskDetail> DetailAsync(CaseService service, CurrentUser user, long taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var caseId = await service.TaskCaseAsync(user, taskId, cancellationToken);
        return await DetailOfAsync(service, await service.LoadVisibleAsync(user, caseId, withEvents: false, cancellationToken), taskId, cancellationToken);
    }

    private static async Task<TaskDetail> DetailOfAsync(CaseService service, Case @case, long taskId, CancellationToken cancellationToken)
    {
        var task = @case.TaskById(taskId);
        var calendar = await service.CalendarAsync(cancellationToken);
        var plan = CaseService.PlanOf(@case);
        var form = JsonSerializer.Deserialize<Dictionary<string, string>>(@case.FormJson, CaseService.Json) ?? [];
        var fields = plan.Form.SelectMany(s => s.Fields).Where(f => f.Matters.Contains(task.MatterCode))
            .Select(f =>
            {
                var value = form.GetValueOrDefault(f.Key);
                return new FieldValue(f.Key, f.Label, value, f.Options.FirstOrDefault(o => o.Code == value)?.Label ?? value);
            }).ToList();
        var prerequisiteCodes = task.StrictPrerequisites.Concat(task.ReviewPrerequisites).ToHashSet(StringComparer.Ordinal);
        var prerequisiteIds = @case.Tasks.Where(t => prerequisiteCodes.Contains(t.MatterCode)).Select(t => (long?)t.Id).ToHashSet();
        var materials = @case.Materials.Where(m => task.Materials.Contains(m.Key) || prerequisiteIds.Contains(m.FromTaskId) || m.Key == CaseService.SupplementKey).OrderBy(m => m.Id).Select(MaterialView.From).ToList();
        var prerequisites = @case.Tasks.Where(t => prerequisiteCodes.Contains(t.MatterCode))
            .Select(t => new Prerequisite(t.MatterCode, t.MatterName, task.StrictPrerequisites.Contains(t.MatterCode) ? "strict" : "prereview", t.State, CaseLabels.Of(t.State))).ToList();
        return new TaskDetail(TaskView.From(task, calendar, Case.Today(service.Now), service.Warnings), @case.Number, @case.BundleName, @case.ApplicantName, fields, materials, prerequisites,
            @case.OutstandingMaterials.Where(task.Materials.Contains).ToList(), @case.Version);
    }
}
