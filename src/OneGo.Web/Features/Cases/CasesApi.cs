using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Files;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Cases;

/// <summary>
/// <c>/api/v1/cases</c>: apply (draft or submit, idempotent with <c>Idempotency-Key</c>), track, answer
/// corrections and supplements. Window actions are in <c>Features/Window</c>, department actions in
/// <c>Features/Review</c>.
/// </summary>
public static class CasesApi
{
    public sealed record SupplyRequest(long? Task, List<MaterialInput>? Materials);

    /// <summary>Search criteria; null or blank means any.</summary>
    public sealed record CaseSearch(CaseState? State = null, string? Bundle = null, string? Number = null, string? Applicant = null, string? Department = null,
        DateOnly? SubmittedFrom = null, DateOnly? SubmittedTo = null, int Page = 1, int PageSize = 20);

    public sealed record CasePage(int Total, int Page, int PageSize, IReadOnlyList<CaseSummary> Items);

    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddScoped<CaseService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Cases").AddEndpointFilter<ProblemFilter>().RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.Assistant))
            .Accepts<ApplicationInput>("application/json").Produces<CaseDetail>(StatusCodes.Status201Created).Produces<CaseDetail>()
            .WithSummary("申请：保存草稿（submit=false）或提交（submit=true）。带 Idempotency-Key 请求头时重试不会产生第二个办件");
        cases.MapGet("/", List).Produces<CasePage>()
            .WithSummary("我能看到的办件（申请人只看到本人的，审批人员只看到本部门参与的）；可按状态、一件事、编号、申请人姓名或证件号、部门、提交日期筛选");
        cases.MapGet("/{id:long}", Get).Produces<CaseDetail>().WithSummary("办件详情：状态、各部门子件、剩余工作日、材料和办件进程");
        cases.MapGet("/{id:long}/materials/{materialId:long}", Material).Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("下载办件的一份材料文件（只对能看到该办件的人开放）");
        cases.MapPut("/{id:long}", Update).RequireAuthorization(p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.Assistant))
            .Accepts<ApplicationInput>("application/json").Produces<CaseDetail>().WithSummary("修改草稿；submit=true 时同时提交");
        cases.MapPost("/{id:long}/submit", Submit).RequireAuthorization(p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.Assistant))
            .Produces<CaseDetail>().WithSummary("提交草稿（服务端按情形重新校验）");
        cases.MapPost("/{id:long}/resubmit", Resubmit).RequireAuthorization(p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.Assistant))
            .Accepts<ApplicationInput>("application/json").Produces<CaseDetail>().WithSummary("按一次性告知补正后重新提交");
        cases.MapPost("/{id:long}/supplements", Supply).RequireAuthorization(p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.Assistant))
            .Produces<CaseDetail>().WithSummary("补交容缺材料，或答复部门的补正要求（task 为子件编号），恢复办理");
        return app;
    }

    private static async Task<IResult> Create(HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        var body = await ReadBodyAsync(context);
        var key = context.Request.Headers.TryGetValue("Idempotency-Key", out var values) ? values.ToString() : null;
        var (@case, replayed) = await service.CreateAsync(user, body, key, cancellationToken);
        var detail = await DetailOfAsync(service, user, @case, cancellationToken);
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Ok(detail);
        }
        return Results.Created($"/api/v1/cases/{@case.Id}", detail);
    }

    private static async Task<IResult> List(HttpContext context, CaseService service, string? state, string? bundle, string? number, string? applicant, string? department,
        DateOnly? submittedFrom, DateOnly? submittedTo, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        CaseState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<CaseState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw ProblemException.BadRequest("invalid-state", $"没有状态“{state}”，可选：{string.Join("、", Enum.GetNames<CaseState>())}");
            }
            wanted = parsed;
        }
        var search = new CaseSearch(wanted, bundle, number, applicant, department, submittedFrom, submittedTo, page ?? 1, pageSize ?? 20);
        return Results.Ok(await SearchAsync(service, CurrentUser.From(context.User), search, cancellationToken));
    }

    /// <summary>
    /// The cases this user may see that match every given criterion, newest first. The applicant criterion is an
    /// exact name or ID number / credit code; results show personal data masked except to the applicant.
    /// </summary>
    public static async Task<CasePage> SearchAsync(CaseService service, CurrentUser user, CaseSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(search);
        var query = CaseQueries.Visible(service.Db.Cases.AsNoTracking(), user);
        if (search.State is { } state)
        {
            query = query.Where(c => c.State == state);
        }
        if (Given(search.Bundle) is { } bundle)
        {
            query = query.Where(c => c.BundleCode == bundle);
        }
        if (Given(search.Number) is { } number)
        {
            query = query.Where(c => c.Number == number);
        }
        if (Given(search.Applicant) is { } applicant)
        {
            // ID numbers end in an upper-case X; credit codes are upper case.
            var code = applicant.ToUpperInvariant();
            query = query.Where(c => c.ApplicantName == applicant || c.ApplicantCode == code);
        }
        if (Given(search.Department) is { } department)
        {
            query = query.Where(c => c.Tasks.Any(t => t.DepartmentCode == department));
        }
        // Dates are the county's (UTC+8): a day runs from its midnight there to the next.
        if (search.SubmittedFrom is { } from)
        {
            var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            query = query.Where(c => c.SubmittedAt >= since);
        }
        if (search.SubmittedTo is { } to)
        {
            var before = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            query = query.Where(c => c.SubmittedAt < before);
        }
        var size = Math.Clamp(search.PageSize, 1, 100);
        var index = Math.Max(search.Page, 1);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.Id).Skip((index - 1) * size).Take(size).ToListAsync(cancellationToken);
        var calendar = await service.CalendarAsync(cancellationToken);
        var today = Case.Today(service.Now);
        var own = user.Is(Roles.Applicant);
        return new CasePage(total, index, size, items.Select(c => CaseSummary.From(c, calendar, today, service.Warnings, own)).ToList());
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<IResult> Get(long id, HttpContext context, CaseService service, CancellationToken cancellationToken) =>
        Results.Ok(await DetailAsync(service, CurrentUser.From(context.User), id, cancellationToken, audit: true));

    private static async Task<IResult> Update(long id, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        var @case = await service.UpdateDraftAsync(user, id, await ReadBodyAsync(context), cancellationToken);
        return Results.Ok(await DetailOfAsync(service, user, @case, cancellationToken));
    }

    private static async Task<IResult> Submit(long id, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        return Results.Ok(await DetailOfAsync(service, user, await service.SubmitDraftAsync(user, id, cancellationToken), cancellationToken));
    }

    private static async Task<IResult> Resubmit(long id, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        return Results.Ok(await DetailOfAsync(service, user, await service.ResubmitAsync(user, id, await ReadBodyAsync(context), cancellationToken), cancellationToken));
    }

    private static async Task<IResult> Supply(long id, SupplyRequest request, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        return Results.Ok(await DetailOfAsync(service, user, await service.SupplyAsync(user, id, request.Task, request.Materials ?? [], cancellationToken), cancellationToken));
    }

    private static async Task<IResult> Material(long id, long materialId, HttpContext context, CaseService service, FileStore files, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        var @case = await service.LoadVisibleAsync(user, id, withEvents: false, cancellationToken);
        var material = @case.Materials.FirstOrDefault(m => m.Id == materialId && m.FileHash is not null)
            ?? throw ProblemException.NotFound("material-not-found", "这个办件没有这份材料");
        var path = files.PathOf(material.FileHash!);
        if (!File.Exists(path))
        {
            throw ProblemException.NotFound("file-missing", "材料文件不在存储中，请联系管理员");
        }
        if (!Sight(user, @case).Own)
        {
            await AuditLog.AppendAloneAsync(service.Db, new AuditItem(user.Id, user.Role, "case.material-download", $"case:{@case.Number}/material:{materialId}", "成功"), service.Now, cancellationToken);
        }
        return Results.File(path, material.ContentType ?? "application/octet-stream", material.FileName ?? material.Name);
    }

    /// <summary>The detail this user may see; staff views of unmasked personal data are audited.</summary>
    public static async Task<CaseDetail> DetailAsync(CaseService service, CurrentUser user, long id, CancellationToken cancellationToken, bool audit = false)
    {
        var @case = await service.LoadVisibleAsync(user, id, withEvents: true, cancellationToken);
        var calendar = await service.CalendarAsync(cancellationToken);
        var (own, unmasked) = Sight(user, @case);
        if (audit && unmasked && !own)
        {
            await AuditLog.AppendAloneAsync(service.Db, new AuditItem(user.Id, user.Role, "case.view-personal-data", $"case:{@case.Number ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "成功"), service.Now);
        }
        return CaseDetail.From(@case, calendar, Case.Today(service.Now), service.Warnings, unmasked);
    }

    /// <summary>The detail of a case just changed by this user, from the loaded case (no second read).</summary>
    public static async Task<CaseDetail> DetailOfAsync(CaseService service, CurrentUser user, Case @case, CancellationToken cancellationToken)
    {
        var calendar = await service.CalendarAsync(cancellationToken);
        return CaseDetail.From(@case, calendar, Case.Today(service.Now), service.Warnings, Sight(user, @case).Unmasked);
    }

    /// <summary>Whether the case is the user's own (their application, or one they filed) and whether they see personal data unmasked.</summary>
    private static (bool Own, bool Unmasked) Sight(CurrentUser user, Case @case)
    {
        var own = user.Is(Roles.Applicant) || @case.FiledBy == user.Id;
        return (own, own || user.Is(Roles.Clerk) || user.Is(Roles.Reviewer) || user.Is(Roles.Supervisor));
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        const int limit = 1024 * 1024;
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new ProblemException(StatusCodes.Status413PayloadTooLarge, "body-too-large", "请求内容不能超过 1 MB（文件请通过 /api/v1/files 上传）");
            }
        }
        return buffer.ToArray();
    }
}
