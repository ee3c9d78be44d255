using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Audit;

/// <summary>What happened, to be appended to the audit log inside the caller's transaction.</summary>
public sealed record AuditItem(string ActorId, string ActorRole, string Action, string Target, string Outcome);

/// <summary>The outcome of walking the chain: where it first breaks, if anywhere.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? BrokenAt, string Message);

/// <summary>
/// The append-only, hash-chained audit log, in two steps so that no request waits for another:
/// <list type="number">
/// <item>Every change writes its entries to <c>AuditPending</c> in its own transaction — committed with the
/// change or not at all.</item>
/// <item>The sealer (one at a time, also across nodes) moves committed pending entries into the chain in
/// the order it finds them: entry n's hash is SM3 over entry n−1's hash and entry n's fields, and the head
/// row keeps the last sequence number and hash.</item>
/// </list>
/// An edited entry, an inserted one or a deleted one (also the last) breaks verification. Entries are
/// sealed within a fraction of a second; verification seals first.
/// </summary>
public static class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // pg_try_advisory_xact_lock key for "sealing the audit chain".
    private const long SealLock = 0x4F6E65476F417564;

    /// <summary>Adds entries to the caller's transaction (saved with the caller's next SaveChanges).</summary>
    public static void Append(OneGoDb db, IEnumerable<AuditItem> items, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            db.PendingAudit.Add(new PendingAuditEntry
            {
                At = at,
                ActorId = item.ActorId,
                ActorRole = item.ActorRole,
                Action = item.Action,
                Target = item.Target,
                Outcome = item.Outcome,
            });
        }
    }

    /// <summary>Adds entries and saves them in the caller's transaction.</summary>
    public static async Task AppendAsync(OneGoDb db, IEnumerable<AuditItem> items, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Append(db, items, at);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Appends in a transaction of its own (views of personal data, logins).</summary>
    public static async Task AppendAloneAsync(OneGoDb db, AuditItem item, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        await AppendAsync(db, [item], at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Moves committed pending entries into the chain; returns how many. When another node is sealing at
    /// this moment, returns 0 at once (it will seal them).
    /// </summary>
    public static async Task<int> SealAsync(OneGoDb db, int batch = 5000, CancellationToken cancellationToken = default) =>
        Math.Max(0, await SealBatchAsync(db, batch, cancellationToken));

    /// <summary>Like <see cref="SealAsync"/>, but answers -1 when another node holds the sealing lock.</summary>
    private static async Task<int> SealBatchAsync(OneGoDb db, int batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.Clear();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        AuditHead head;
        if (db.IsPostgres)
        {
            var locked = await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_xact_lock({0}) AS \"Value\"", SealLock).ToListAsync(cancellationToken);
            if (!locked[0])
            {
                return -1;
            }
            head = await db.AuditHeads.FromSqlRaw("SELECT * FROM \"AuditHeads\" WHERE \"Id\" = 1 FOR UPDATE").SingleAsync(cancellationToken);
        }
        else
        {
            head = await db.AuditHeads.SingleAsync(h => h.Id == 1, cancellationToken);
        }
        var pending = await db.PendingAudit.OrderBy(p => p.Id).Take(batch).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }
        var seq = head.LastSeq;
        var previous = head.LastHash;
        foreach (var item in pending)
        {
            seq++;
            var entry = new AuditEntry
            {
                Seq = seq,
                At = item.At,
                ActorId = item.ActorId,
                ActorRole = item.ActorRole,
                Action = item.Action,
                Target = item.Target,
                Outcome = item.Outcome,
                PreviousHash = previous,
            };
            entry.Hash = HashOf(entry);
            previous = entry.Hash;
            db.Audit.Add(entry);
        }
        db.PendingAudit.RemoveRange(pending);
        head.LastSeq = seq;
        head.LastHash = previous;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return pending.Count;
    }

    /// <summary>
    /// Seals until nothing committed is left pending. When another node is sealing at this moment, waits for it
    /// (those who verify the chain must see every entry sealed), unless <paramref name="waitForOthers"/> is false —
    /// the background sealer leaves the batch to the node that holds the lock.
    /// </summary>
    public static async Task SealAllAsync(OneGoDb db, bool waitForOthers = true, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var count = await SealBatchAsync(db, 5000, cancellationToken);
            if (count > 0)
            {
                continue;
            }
            if (count == 0 || !waitForOthers || DateTime.UtcNow > deadline)
            {
                return;
            }
            await Task.Delay(25, cancellationToken);
        }
    }

    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Unambiguous: every field is length-prefixed.
        var canonical = string.Join('\n',
            Field(entry.Seq.ToString(CultureInfo.InvariantCulture)),
            Field(entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
            Field(entry.ActorId), Field(entry.ActorRole), Field(entry.Action), Field(entry.Target), Field(entry.Outcome),
            Field(entry.PreviousHash));
        return Sm3.Hex(canonical);

        static string Field(string value) => value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value;
    }

    /// <summary>Seals what is pending, then walks the whole chain in sequence order and checks it against the head.</summary>
    public static async Task<AuditVerification> VerifyAsync(OneGoDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SealAllAsync(db, cancellationToken: cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        var expectedSeq = 0L;
        var previous = Genesis;
        await foreach (var entry in db.Audit.AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            expectedSeq++;
            if (entry.Seq != expectedSeq)
            {
                return new AuditVerification(false, expectedSeq - 1, expectedSeq,
                    entry.Seq > expectedSeq ? $"第 {expectedSeq} 条审计记录缺失（已被删除）" : $"第 {entry.Seq} 条审计记录重复");
            }
            if (entry.PreviousHash != previous)
            {
                return new AuditVerification(false, expectedSeq, entry.Seq, $"第 {entry.Seq} 条审计记录与前一条不衔接（有记录被插入、删除或修改）");
            }
            if (HashOf(entry) != entry.Hash)
            {
                return new AuditVerification(false, expectedSeq, entry.Seq, $"第 {entry.Seq} 条审计记录的内容已被修改");
            }
            previous = entry.Hash;
        }
        if (head.LastSeq != expectedSeq || head.LastHash != previous)
        {
            return new AuditVerification(false, expectedSeq, expectedSeq + 1,
                head.LastSeq > expectedSeq ? $"审计链末尾的第 {expectedSeq + 1}—{head.LastSeq} 条记录已被删除" : "审计链末尾与链头记录不一致");
        }
        return new AuditVerification(true, expectedSeq, null, $"审计链完整：共 {expectedSeq} 条记录，逐条 SM3 校验通过");
    }
}

/// <summary>Seals pending audit entries into the chain every quarter of a second.</summary>
public sealed class AuditSealer(IServiceScopeFactory scopes, ILogger<AuditSealer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await AuditLog.SealAllAsync(scope.ServiceProvider.GetRequiredService<OneGoDb>(), waitForOthers: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogError(e, "Sealing the audit chain failed; retrying");
            }
        }
    }
}
