using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;
using OneGo.Web.Features.Supervision;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Notifications;

/// <summary>站内消息: every signed-in user's inbox; the notification channels and the background jobs that feed them.</summary>
public static class InboxApi
{
    public sealed record InboxEntry(long Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

    public sealed record InboxPage(int Unread, IReadOnlyList<InboxEntry> Items);

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section));
        services.AddOptions<SupervisionOptions>().Bind(configuration.GetSection(SupervisionOptions.Section))
            .Validate(o => o.Policy.Problem() is null, "OneGo:Supervision 的黄色预警设置无效").ValidateOnStart();
        services.AddSingleton<INotificationSender, LoggingSmsSender>();
        services.AddSingleton<INotificationSender, LoggingEmailSender>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<SupervisionSweeper>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/v1/inbox").WithTags("Inbox").RequireAuthorization().AddEndpointFilter<ProblemFilter>();
        inbox.MapGet("/", List).WithSummary("我的站内消息（最新在前，最多 100 条）及未读数：催办、督办、办件通知").Produces<InboxPage>();
        inbox.MapPost("/{id:long}/read", Read).WithSummary("标记一条消息为已读").Produces<InboxEntry>().ProducesProblem(StatusCodes.Status404NotFound);
        inbox.MapPost("/read-all", ReadAll).WithSummary("全部标记为已读").Produces(StatusCodes.Status204NoContent);
        return app;
    }

    public static async Task<InboxPage> PageAsync(OneGoDb db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unread = await db.Inbox.CountAsync(i => i.UserId == userId && i.ReadAt == null, cancellationToken);
        var items = await db.Inbox.AsNoTracking().Where(i => i.UserId == userId).OrderByDescending(i => i.Id).Take(100)
            .Select(i => new InboxEntry(i.Id, i.Kind, i.Title, i.Body, i.Link, i.CreatedAt, i.ReadAt)).ToListAsync(cancellationToken);
        return new InboxPage(unread, items);
    }

    public static async Task<InboxEntry> MarkReadAsync(OneGoDb db, string userId, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var item = await db.Inbox.FirstOrDefaultAsync(i => i.Id == id && i.UserId == userId, cancellationToken)
            ?? throw ProblemException.NotFound("message-not-found", "没有这条消息");
        item.ReadAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        return new InboxEntry(item.Id, item.Kind, item.Title, item.Body, item.Link, item.CreatedAt, item.ReadAt);
    }

    public static Task<int> MarkAllReadAsync(OneGoDb db, string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Inbox.Where(i => i.UserId == userId && i.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.ReadAt, now), cancellationToken);

    private static async Task<IResult> List(HttpContext context, OneGoDb db, CancellationToken cancellationToken) =>
        Results.Ok(await PageAsync(db, CurrentUser.From(context.User).Id, cancellationToken));

    private static async Task<IResult> Read(long id, HttpContext context, OneGoDb db, TimeProvider time, CancellationToken cancellationToken) =>
        Results.Ok(await MarkReadAsync(db, CurrentUser.From(context.User).Id, id, time.GetUtcNow(), cancellationToken));

    private static async Task<IResult> ReadAll(HttpContext context, OneGoDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        await MarkAllReadAsync(db, CurrentUser.From(context.User).Id, time.GetUtcNow(), cancellationToken);
        return Results.NoContent();
    }
}
