using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Admin;

/// <summary>Catalog publication and audit verification.</summary>
public static class AdminApi
{
    public sealed record VersionView(int Version, DateTimeOffset PublishedAt, string PublishedBy, string ContentHash, int Bundles, int Matters);

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").AddEndpointFilter<ProblemFilter>();
        admin.MapPost("/catalog/publish", Publish).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<PublishResult>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("把目录文件发布为新的目录版本（先检查，有错误则不发布；与上一版相同则不发布）");
        admin.MapGet("/catalog/versions", Versions).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .Produces<List<VersionView>>().WithSummary("已发布的目录版本");
        admin.MapGet("/audit/verify", Verify).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .Produces<AuditVerification>().WithSummary("逐条校验审计日志的 SM3 哈希链，发现被修改、插入或删除的记录");
        return app;
    }

    private static async Task<IResult> Publish(HttpContext context, OneGoDb db, PublishedCatalogs catalogs, CatalogStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var result = await catalogs.PublishAsync(db, store.Directory, user.Id, cancellationToken);
        await AuditLog.AppendAsync(db, [new AuditItem(user.Id, user.Role, "catalog.publish", $"catalog:{result.Version}", result.Published ? "成功" : result.Message)], time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result.Errors.Count > 0
            ? Problems.Unprocessable("catalog-invalid", result.Message, result.Errors)
            : Results.Ok(result);
    }

    private static async Task<IResult> Versions(OneGoDb db, CancellationToken cancellationToken) =>
        Results.Ok(await db.CatalogVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new VersionView(v.Version, v.PublishedAt, v.PublishedBy, v.ContentHash, v.Bundles, v.Matters)).ToListAsync(cancellationToken));

    private static async Task<IResult> Verify(OneGoDb db, CancellationToken cancellationToken) =>
        Results.Ok(await AuditLog.VerifyAsync(db, cancellationToken));
}
