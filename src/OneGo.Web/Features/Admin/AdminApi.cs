using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Admin;

/// <summary>Catalog publication and audit verification.</summary>
public static class AdminApi
{
    /// <summary>A published version; <c>PublishedByName</c> is the publisher's display name when the publisher is an account.</summary>
    public sealed record VersionView(int Version, DateTimeOffset PublishedAt, string PublishedBy, string? PublishedByName, string ContentHash, int Bundles, int Matters, int Files);

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
        var result = await PublishAsync(db, catalogs, store, time, CurrentUser.From(context.User), cancellationToken);
        return result.Errors.Count > 0
            ? Problems.Unprocessable("catalog-invalid", result.Message, result.Errors)
            : Results.Ok(result);
    }

    /// <summary>Publishes the catalog folder as this administrator, with its audit entry, in one transaction.</summary>
    public static async Task<PublishResult> PublishAsync(OneGoDb db, PublishedCatalogs catalogs, CatalogStore store, TimeProvider time, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalogs);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Is(Roles.Admin))
        {
            throw ProblemException.Forbidden("forbidden", "只有管理员可以发布目录");
        }
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var result = await catalogs.PublishAsync(db, store.Directory, user.Id, cancellationToken);
        await AuditLog.AppendAsync(db, [new AuditItem(user.Id, user.Role, "catalog.publish", $"catalog:{result.Version}", result.Published ? "成功" : result.Message)], time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<IResult> Versions(OneGoDb db, CancellationToken cancellationToken) => Results.Ok(await VersionsAsync(db, cancellationToken));

    /// <summary>Every published version, newest first.</summary>
    public static Task<List<VersionView>> VersionsAsync(OneGoDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CatalogVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new VersionView(v.Version, v.PublishedAt, v.PublishedBy, db.Users.Where(u => u.Id == v.PublishedBy).Select(u => u.DisplayName).FirstOrDefault(),
                v.ContentHash, v.Bundles, v.Matters, v.Files.Count))
            .ToListAsync(cancellationToken);
    }

    private static async Task<IResult> Verify(OneGoDb db, CancellationToken cancellationToken) =>
        Results.Ok(await AuditLog.VerifyAsync(db, cancellationToken));
}
