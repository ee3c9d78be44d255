using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Web.Data;
using OneGo.Web.Features.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Issuance;

/// <summary>
/// 统一出件 (one window for the results): the issuance clerk's queue of closed cases whose paper results wait to be
/// handed over, and the hand-over itself — pickup with an identity check, or free post with a tracking number.
/// </summary>
public static class IssuanceApi
{
    /// <summary>A case waiting at the issuance window, with how the applicant asked to receive the results.</summary>
    public sealed record Waiting(CaseSummary Case, DeliveryMethod Method, string? Address, int Results, DateTimeOffset? ClosedAt);

    public sealed record DeliveryRequest(string? Method, string? Name, string? IdNumber, string? Address, string? TrackingNumber);

    public static IEndpointRouteBuilder MapIssuance(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Issuance").AddEndpointFilter<ProblemFilter>()
            .RequireAuthorization(p => p.RequireRole(Roles.Issuer))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/issuance/queue", async (CaseService service, CancellationToken ct) => Results.Ok(await QueueAsync(service, ct)))
            .Produces<List<Waiting>>().WithSummary("统一出件队列：已办结、纸质结果待送达的办件（窗口领取或免费邮寄），先办结先出件");
        group.MapPost("/cases/{id:long}/delivery", Deliver).Produces<CaseDetail>()
            .WithSummary("登记送达：method=pickup 时核验领取人身份证件号码（须为申请人或企业经办人）；method=post 时登记邮件单号（地址默认为申请时填写的邮寄地址）");
        return app;
    }

    public static async Task<List<Waiting>> QueueAsync(CaseService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var cases = await service.Db.Cases.AsNoTracking().Include(c => c.Tasks)
            .Where(c => (c.State == CaseState.Completed || c.State == CaseState.PartiallyCompleted) && c.DeliveredAt == null)
            .OrderBy(c => c.ClosedAt).Take(200).ToListAsync(cancellationToken);
        var calendar = await service.CalendarAsync(cancellationToken);
        var today = Case.Today(service.Now);
        return cases.Select(c =>
        {
            var form = JsonSerializer.Deserialize<Dictionary<string, string>>(c.FormJson, CaseService.Json) ?? [];
            var post = form.GetValueOrDefault("delivery.method") == "post";
            return new Waiting(CaseSummary.From(c, calendar, today, service.Warnings, unmasked: false), post ? DeliveryMethod.Post : DeliveryMethod.Pickup,
                post ? form.GetValueOrDefault("delivery.address") : null, c.Tasks.Count(t => t.State == TaskState.Approved), c.ClosedAt);
        }).ToList();
    }

    private static async Task<IResult> Deliver(long id, DeliveryRequest request, HttpContext context, CaseService service, CancellationToken cancellationToken)
    {
        var method = request.Method switch
        {
            "pickup" => DeliveryMethod.Pickup,
            "post" => DeliveryMethod.Post,
            _ => throw ProblemException.BadRequest("delivery-method", "送达方式 method 应为 pickup（窗口领取）或 post（免费邮寄）"),
        };
        var user = CurrentUser.From(context.User);
        var @case = await service.DeliverAsync(user, id, new DeliveryInput(method, request.Name, request.IdNumber, request.Address, request.TrackingNumber), cancellationToken);
        return Results.Ok(await CasesApi.DetailOfAsync(service, user, @case, cancellationToken));
    }
}
