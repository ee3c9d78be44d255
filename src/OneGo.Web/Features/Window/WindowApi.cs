using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Web.Data;
using OneGo.Web.Features.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Window;

/// <summary>综合窗口: the acceptance queue and the acceptance decisions.</summary>
public static class WindowApi
{
    public sealed record AcceptRequest(ToleranceRequest? Tolerance);

    public sealed record ToleranceRequest(List<string>? Materials, int? SupplementWorkingDays, string? Commitment);

    public sealed record CorrectionRequest(List<string>? Items);

    public sealed record RefuseRequest(string? Reason);

    public static IEndpointRouteBuilder MapWindow(this IEndpointRouteBuilder app)
    {
        var window = app.MapGroup("/api/v1").WithTags("Window").AddEndpointFilter<ProblemFilter>()
            .RequireAuthorization(p => p.RequireRole(Roles.Clerk))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        window.MapGet("/window/queue", Queue).Produces<List<CaseSummary>>().WithSummary("待受理队列：已提交、等待窗口受理的办件，先到先办");
        window.MapPost("/cases/{id:long}/accept", Accept).Produces<CaseDetail>()
            .WithSummary("受理；带 tolerance 时容缺受理（容缺材料、补交期限工作日、申请人承诺）。各事项同时推送至各部门");
        window.MapPost("/cases/{id:long}/corrections", Corrections).Produces<CaseDetail>().WithSummary("一次性告知：列明全部需要补正的内容");
        window.MapPost("/cases/{id:long}/refuse", Refuse).Produces<CaseDetail>().WithSummary("不予受理（须说明理由）");
        return app;
    }

    private static async Task<IResult> Queue(CaseService service, CancellationToken cancellationToken) =>
        Results.Ok(await QueueAsync(service, cancellationToken));

    /// <summary>Submitted cases waiting at the window, first come first served (names masked: the queue is on screen in the hall).</summary>
    public static async Task<List<CaseSummary>> QueueAsync(CaseService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var cases = await service.Db.Cases.AsNoTracking().Where(c => c.State == CaseState.Submitted)
            .OrderBy(c => c.Id).Take(200).ToListAsync(cancellationToken);
        var calendar = await service.CalendarAsync(cancellationToken);
        var today = Case.Today(service.Now);
        return cases.Select(c => CaseSummary.From(c, calendar, today, service.Warnings, unmasked: false)).ToList();
    }

    private static async Task<IResult> Accept(long id, AcceptRequest? request, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        ToleranceInput? tolerance = null;
        if (request?.Tolerance is { } t)
        {
            if (t.Materials is not { Count: > 0 } || t.SupplementWorkingDays is null)
            {
                throw ProblemException.BadRequest("tolerance-invalid", "容缺受理须列明容缺材料（materials）和补交期限（supplementWorkingDays，工作日）");
            }
            tolerance = new ToleranceInput(t.Materials, t.SupplementWorkingDays.Value, t.Commitment);
        }
        return Results.Ok(await CasesApi.DetailOfAsync(service, user, await service.AcceptAsync(user, id, tolerance, cancellationToken), cancellationToken));
    }

    private static async Task<IResult> Corrections(long id, CorrectionRequest request, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        return Results.Ok(await CasesApi.DetailOfAsync(service, user, await service.RequestCorrectionsAsync(user, id, request.Items ?? [], cancellationToken), cancellationToken));
    }

    private static async Task<IResult> Refuse(long id, RefuseRequest request, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        return Results.Ok(await CasesApi.DetailOfAsync(service, user, await service.RefuseAsync(user, id, request.Reason ?? string.Empty, cancellationToken), cancellationToken));
    }
}
