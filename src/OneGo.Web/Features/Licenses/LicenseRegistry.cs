using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Licenses;

/// <summary>
/// The license registry's changes: revocation (撤销) and re-issue (换发) by the issuing department, and the 用证记录
/// written whenever a held license stands in for a material of a case. Each change is one transaction with an audit
/// entry; of two departments' clerks acting on the same license at once, exactly one succeeds.
/// </summary>
public sealed class LicenseRegistry(OneGoDb db, LicenseIssuer issuer, PublishedCatalogs catalogs, TimeProvider time)
{
    public const int MaxReasonLength = 200;

    /// <summary>撤销: the license stops proving anything at once; verification shows it revoked, with the reason.</summary>
    public async Task<LicenseRecord> RevokeAsync(CurrentUser user, string identifier, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var text = RequireReason(reason, "撤销");
        var record = await IssuedByAsync(user, identifier, cancellationToken);
        var now = time.GetUtcNow();
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var changed = await db.Licenses
            .Where(l => l.Identifier == record.Identifier && l.Status == LicenseStatus.Valid)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, LicenseStatus.Revoked)
                .SetProperty(l => l.RevokedAt, now)
                .SetProperty(l => l.RevokedBy, user.Name)
                .SetProperty(l => l.RevocationReason, text), cancellationToken);
        if (changed == 0)
        {
            throw await NotValidAsync(record.Identifier, cancellationToken);
        }
        await AuditLog.AppendAsync(db, [new AuditItem(user.Id, user.Role, "license.revoked", "license:" + record.Identifier, "成功")], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await db.Licenses.AsNoTracking().SingleAsync(l => l.Identifier == record.Identifier, cancellationToken);
    }

    /// <summary>换发: the next version replaces this one (which becomes superseded), with changed fields if any.</summary>
    public async Task<LicenseRecord> ReissueAsync(CurrentUser user, string identifier, string? reason, IReadOnlyDictionary<string, string>? changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var text = RequireReason(reason, "换发");
        var old = await IssuedByAsync(user, identifier, cancellationToken);
        if (old.Document is null)
        {
            throw ProblemException.BadRequest("license-unsigned", "该证照没有本平台的签名数据，不能在本平台换发");
        }
        var catalog = (await catalogs.CurrentAsync(db, cancellationToken)).Catalog;
        var department = catalog.DepartmentsByCode.GetValueOrDefault(old.IssuerDepartment!)
            ?? throw ProblemException.BadRequest("department-not-found", $"目录中已没有颁发部门“{old.IssuerDepartment}”，不能换发");
        var type = catalog.LicenseTypesByCode.GetValueOrDefault(old.TypeCode);
        changes ??= new Dictionary<string, string>();
        var unknown = changes.Keys.Where(k => type is null || type.Fields.All(f => f.Key != k)).ToList();
        if (unknown.Count > 0)
        {
            throw ProblemException.BadRequest("license-field-unknown", $"证照类型“{old.Name}”没有这些数据项：{string.Join("、", unknown)}");
        }
        var tooLong = changes.Where(c => c.Value?.Length > 200).Select(c => c.Key).ToList();
        if (tooLong.Count > 0)
        {
            throw ProblemException.BadRequest("license-field-too-long", $"数据项 {string.Join("、", tooLong)} 超过 200 个字符");
        }
        var now = time.GetUtcNow();
        LicenseRecord next;
        try
        {
            next = issuer.Reissue(old, changes, type, department, text, now);
        }
        catch (InvalidOperationException e)
        {
            throw ProblemException.BadRequest("license-reissue-impossible", e.Message);
        }
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var changed = await db.Licenses
            .Where(l => l.Identifier == old.Identifier && l.Status == LicenseStatus.Valid)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Status, LicenseStatus.Superseded)
                .SetProperty(l => l.SupersededBy, next.Identifier), cancellationToken);
        if (changed == 0)
        {
            throw await NotValidAsync(old.Identifier, cancellationToken);
        }
        db.Licenses.Add(next);
        AuditLog.Append(db, [new AuditItem(user.Id, user.Role, "license.reissued", $"license:{old.Identifier}→{next.Identifier}", "成功")], now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return next;
    }

    /// <summary>The licenses a department issued, newest first; with a search by identifier, holder code or name.</summary>
    public async Task<List<LicenseRecord>> IssuedByDepartmentAsync(CurrentUser user, string? query, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Is(Roles.Reviewer) || user.Department is null)
        {
            throw ProblemException.Forbidden("not-a-department", "只有部门审批人员可以管理本部门颁发的证照");
        }
        var licenses = db.Licenses.AsNoTracking().Where(l => l.IssuerDepartment == user.Department);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim();
            licenses = licenses.Where(l => l.Identifier == q || l.HolderCode == q || l.HolderName == q || l.Name.Contains(q));
        }
        return await licenses.OrderByDescending(l => l.IssuedAt).ThenByDescending(l => l.Identifier).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
    }

    /// <summary>用证记录 of a holder, newest first.</summary>
    public Task<List<LicenseUseRecord>> UsesOfHolderAsync(string holderCode, CancellationToken cancellationToken) =>
        db.LicenseUses.AsNoTracking().Where(u => u.HolderCode == holderCode).OrderByDescending(u => u.UsedAt).ThenByDescending(u => u.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Adds (to the caller's transaction) a 用证记录 for every material of the case's Plan that a held license makes
    /// exempt and that is not recorded yet. Called when a case is submitted or resubmitted.
    /// </summary>
    public static async Task RecordUsesAsync(OneGoDb db, Case @case, Plan plan, string usedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(plan);
        var used = plan.Materials.Where(m => m.Exemption is { Kind: ExemptionKind.License, LicenseIdentifier: not null }).ToList();
        if (used.Count == 0)
        {
            return;
        }
        var recorded = @case.Id == 0
            ? []
            : await db.LicenseUses.Where(u => u.CaseId == @case.Id).Select(u => u.LicenseIdentifier + "|" + u.MaterialKey).ToListAsync(cancellationToken);
        foreach (var material in used)
        {
            var identifier = material.Exemption!.LicenseIdentifier!;
            if (recorded.Contains(identifier + "|" + material.Key))
            {
                continue;
            }
            db.LicenseUses.Add(new LicenseUseRecord
            {
                LicenseIdentifier = identifier,
                HolderCode = @case.ApplicantCode,
                CaseId = @case.Id,
                CaseNumber = @case.Number,
                BundleName = @case.BundleName,
                MaterialKey = material.Key,
                MaterialName = material.Name,
                Purpose = $"办理“{@case.BundleName}”时代替提交“{material.Name}”",
                UsedBy = usedBy,
                UsedAt = now,
            });
        }
    }

    private static string RequireReason(string? reason, string action)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw ProblemException.BadRequest("reason-required", $"请填写{action}原因");
        }
        if (text.Length > MaxReasonLength)
        {
            throw ProblemException.BadRequest("reason-too-long", $"{action}原因不能超过 {MaxReasonLength} 个字符");
        }
        return text;
    }

    // Only the issuing department's reviewers; to anyone else the license does not exist here.
    private async Task<LicenseRecord> IssuedByAsync(CurrentUser user, string identifier, CancellationToken cancellationToken)
    {
        var record = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Identifier == identifier, cancellationToken);
        if (record is null || !user.Is(Roles.Reviewer) || user.Department is null || record.IssuerDepartment != user.Department)
        {
            throw ProblemException.NotFound("license-not-found", "没有这个证照，或它不是本部门颁发的");
        }
        return record;
    }

    private async Task<ProblemException> NotValidAsync(string identifier, CancellationToken cancellationToken)
    {
        var now = await db.Licenses.AsNoTracking().SingleAsync(l => l.Identifier == identifier, cancellationToken);
        return now.Status switch
        {
            LicenseStatus.Revoked => new ProblemException(StatusCodes.Status409Conflict, "license-revoked", $"该证照已于 {now.RevokedAt?.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} 被撤销（{now.RevocationReason}），不能再撤销或换发"),
            LicenseStatus.Superseded => new ProblemException(StatusCodes.Status409Conflict, "license-superseded", $"该证照已换发为新版本 {now.SupersededBy}，请对新版本操作"),
            _ => new ProblemException(StatusCodes.Status409Conflict, "license-changed", "该证照刚被他人修改，请刷新后重试"),
        };
    }
}
