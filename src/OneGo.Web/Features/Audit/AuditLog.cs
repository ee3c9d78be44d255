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
/// The append-only, hash-chained audit log. Each entry's hash is SM3 over the previous entry's hash and the
/// entry's own fields; the head row holds the last sequence number and hash. Appending locks the head row
/// (PostgreSQL <c>FOR UPDATE</c>; SQLite transactions already hold the database's write lock), so the chain
/// never forks. An edited entry, an inserted one or a deleted one (also the last) breaks verification.
/// </summary>
public static class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Appends inside the current transaction; call last, just before commit, to hold the head lock briefly.</summary>
    public static async Task AppendAsync(OneGoDb db, IReadOnlyList<AuditItem> items, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        var head = db.IsPostgres
            ? await db.AuditHeads.FromSqlRaw("SELECT * FROM \"AuditHeads\" WHERE \"Id\" = 1 FOR UPDATE").SingleAsync(cancellationToken)
            : await db.AuditHeads.SingleAsync(h => h.Id == 1, cancellationToken);
        var seq = head.LastSeq;
        var previous = head.LastHash;
        foreach (var item in items)
        {
            seq++;
            var entry = new AuditEntry
            {
                Seq = seq,
                At = at,
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
        head.LastSeq = seq;
        head.LastHash = previous;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Appends in a transaction of its own (views of personal data, logins).</summary>
    public static async Task AppendAloneAsync(OneGoDb db, AuditItem item, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(db, [item], at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>Walks the whole chain in sequence order and checks it against the head.</summary>
    public static async Task<AuditVerification> VerifyAsync(OneGoDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
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
