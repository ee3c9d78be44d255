using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "OneGo:Notifications";

    /// <summary>Seconds between outbox runs of this node; 0 turns the background dispatcher off.</summary>
    public int DispatchSeconds { get; set; } = 5;

    /// <summary>Attempts per message before it is marked failed (retries back off: 1, 2, 4 … minutes).</summary>
    public int MaxAttempts { get; set; } = 8;
}

/// <summary>
/// Sends what the outbox holds. Each run claims a batch of due messages — on PostgreSQL with <c>FOR UPDATE SKIP
/// LOCKED</c>, so that several nodes share the work and never send a message twice — hands each to its channel's
/// sender and records the outcome in the same transaction.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    : PeriodicJob(scopes, logger)
{
    protected override int Seconds => options.Value.DispatchSeconds;

    protected override string Name => "Outbox dispatch";

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        DispatchAsync(services, time.GetUtcNow(), cancellationToken);

    /// <summary>Sends every due message (in batches); returns how many were sent.</summary>
    public static async Task<int> DispatchAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken, int batch = 200)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<OneGoDb>();
        var senders = services.GetServices<INotificationSender>().ToDictionary(s => s.Channel, StringComparer.Ordinal);
        var maxAttempts = services.GetRequiredService<IOptions<NotificationOptions>>().Value.MaxAttempts;
        var sent = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var due = db.IsPostgres
                ? await db.Outbox.FromSqlInterpolated($"""
                    SELECT * FROM "Outbox" WHERE "SentAt" IS NULL AND "FailedAt" IS NULL AND "NextAttemptAt" <= {now}
                    ORDER BY "Id" LIMIT {batch} FOR UPDATE SKIP LOCKED
                    """).ToListAsync(cancellationToken)
                // SQLite (one node, writes serialised) cannot compare DateTimeOffset columns: filter the unsent ones here.
                : (await db.Outbox.Where(m => m.SentAt == null && m.FailedAt == null).OrderBy(m => m.Id).ToListAsync(cancellationToken))
                    .Where(m => m.NextAttemptAt <= now).Take(batch).ToList();
            if (due.Count == 0)
            {
                return sent;
            }
            foreach (var message in due)
            {
                message.Attempts++;
                try
                {
                    if (!senders.TryGetValue(message.Channel, out var sender))
                    {
                        throw new InvalidOperationException($"没有“{message.Channel}”渠道的发送程序");
                    }
                    await sender.SendAsync(message, cancellationToken);
                    message.SentAt = now;
                    message.LastError = null;
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    message.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                    if (message.Attempts >= maxAttempts)
                    {
                        message.FailedAt = now;
                    }
                    else
                    {
                        message.NextAttemptAt = now.AddMinutes(Math.Pow(2, message.Attempts - 1));
                    }
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (due.Count < batch)
            {
                return sent;
            }
        }
    }
}
