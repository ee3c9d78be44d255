using Microsoft.AspNetCore.Identity;
using OneGo.Domain.Planning;

namespace OneGo.Web.Data;

/// <summary>The roles of DESIGN.md §2.</summary>
public static class Roles
{
    public const string Applicant = "applicant";
    public const string Clerk = "clerk";
    public const string Assistant = "assistant";
    public const string Reviewer = "reviewer";
    /// <summary>部门负责人: receives escalations (督办) and sees the department's dashboards.</summary>
    public const string Head = "head";
    public const string Issuer = "issuer";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly string[] All = [Applicant, Clerk, Assistant, Reviewer, Head, Issuer, Supervisor, Admin];

    public static string Label(string role) => role switch
    {
        Applicant => "申请人",
        Clerk => "综窗人员",
        Assistant => "帮代办员",
        Reviewer => "部门审批人员",
        Head => "部门负责人",
        Issuer => "出件人员",
        Supervisor => "督办人员",
        Admin => "管理员",
        _ => role,
    };
}

/// <summary>An account. Applicants are real-name: a person by ID number, or an enterprise by credit code with its agent.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
    /// <summary>Applicant that is a person: the ID number; agent of an enterprise: the agent's ID number.</summary>
    public string? IdNumber { get; set; }
    /// <summary>Applicant that is an enterprise: its credit code.</summary>
    public string? CreditCode { get; set; }
    /// <summary>Department reviewers and department systems: the one department they act for.</summary>
    public string? DepartmentCode { get; set; }
}

/// <summary>A published catalog version: the catalog files as they were when published.</summary>
public sealed class CatalogVersionRecord
{
    public int Version { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string PublishedBy { get; set; } = string.Empty;
    /// <summary>SM3 of the files (path and content), to tell whether anything changed.</summary>
    public string ContentHash { get; set; } = string.Empty;
    public int Bundles { get; set; }
    public int Matters { get; set; }
    public List<CatalogFileRecord> Files { get; set; } = [];
}

public sealed class CatalogFileRecord
{
    public long Id { get; set; }
    public int Version { get; set; }
    public string Path { get; set; } = string.Empty;
    public string Content { get; set; } = string.Empty;
}

/// <summary>人口基础信息库 (demo register; the shared-data source for prefill and checks).</summary>
public sealed class PersonRecord
{
    public string IdNumber { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Ethnicity { get; set; } = "汉族";
    public string Phone { get; set; } = string.Empty;
    public string Address { get; set; } = string.Empty;
    public string HukouAddress { get; set; } = string.Empty;
    public string Householder { get; set; } = string.Empty;
    /// <summary>Household registered in this county.</summary>
    public bool LocalHukou { get; set; }
    public bool Married { get; set; }
}

/// <summary>法人基础信息库 (demo register).</summary>
public sealed class EnterpriseRecord
{
    public string CreditCode { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string EntityType { get; set; } = string.Empty;
    public string LegalRepresentative { get; set; } = string.Empty;
    public string Address { get; set; } = string.Empty;
}

/// <summary>An e-license in the registry that makes materials exempt (issuance comes with the licenses feature).</summary>
public sealed class LicenseRecord
{
    public string Identifier { get; set; } = string.Empty;
    public string TypeCode { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string HolderCode { get; set; } = string.Empty;
    public string HolderName { get; set; } = string.Empty;
    public string IssuerCode { get; set; } = string.Empty;
    public DateOnly IssuedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public LicenseStatus Status { get; set; }

    /// <summary>The issuing department (catalog code), whose SM2 key signed <see cref="Document"/>.</summary>
    public string? IssuerDepartment { get; set; }

    /// <summary>The canonical bytes of the license data (LicenseDocument.ToCanonicalBytes) — exactly what was signed.</summary>
    public byte[]? Document { get; set; }

    /// <summary>SM2-with-SM3 signature (DER) over <see cref="Document"/>, and the id of the key that made it.</summary>
    public byte[]? Signature { get; set; }
    public string? KeyId { get; set; }

    /// <summary>The case and task whose approval issued it (null for licenses from other systems).</summary>
    public long? CaseId { get; set; }
    public long? TaskId { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }

    /// <summary>The previous version this one re-issues (换发), and why it was re-issued.</summary>
    public string? Replaces { get; set; }
    public string? ReissueReason { get; set; }

    /// <summary>The next version, once this one has been re-issued.</summary>
    public string? SupersededBy { get; set; }

    /// <summary>Revocation (撤销) by the issuing department: when, by whom, and why.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevocationReason { get; set; }
}

/// <summary>用证记录: a held license used in place of a material for a case; the holder sees every one.</summary>
public sealed class LicenseUseRecord
{
    public long Id { get; set; }
    public string LicenseIdentifier { get; set; } = string.Empty;
    public string HolderCode { get; set; } = string.Empty;
    public long CaseId { get; set; }
    public string? CaseNumber { get; set; }
    public string BundleName { get; set; } = string.Empty;
    public string MaterialKey { get; set; } = string.Empty;
    public string MaterialName { get; set; } = string.Empty;

    /// <summary>What the license was used for, in words the holder understands.</summary>
    public string Purpose { get; set; } = string.Empty;

    /// <summary>Who used it (the filer: the applicant, a window clerk or an assistant), display name and role.</summary>
    public string UsedBy { get; set; } = string.Empty;
    public DateTimeOffset UsedAt { get; set; }
}

/// <summary>A file in the content-addressed store: its SM3 hash is its name.</summary>
public sealed class StoredFileRecord
{
    public string Hash { get; set; } = string.Empty;
    public long Size { get; set; }
    public string ContentType { get; set; } = string.Empty;
    public string UploadedBy { get; set; } = string.Empty;
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A submission's Idempotency-Key: a retry with the same key and body returns the same case.</summary>
public sealed class IdempotencyRecord
{
    public string UserId { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
    public string RequestHash { get; set; } = string.Empty;
    public long CaseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Per-day counter behind readable case numbers.</summary>
public sealed class CaseNumberCounter
{
    public DateOnly Day { get; set; }
    public int Last { get; set; }
}

/// <summary>An API key of a department's business system; only its SHA-256 is stored.</summary>
public sealed class ApiKeyRecord
{
    public long Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string DepartmentCode { get; set; } = string.Empty;
    public string KeyHash { get; set; } = string.Empty;
    public string Prefix { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>One entry of the append-only audit log; <see cref="Hash"/> = SM3(previous hash ‖ this entry).</summary>
public sealed class AuditEntry
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorId { get; set; } = string.Empty;
    public string ActorRole { get; set; } = string.Empty;
    public string Action { get; set; } = string.Empty;
    public string Target { get; set; } = string.Empty;
    public string Outcome { get; set; } = string.Empty;
    public string PreviousHash { get; set; } = string.Empty;
    public string Hash { get; set; } = string.Empty;
}

/// <summary>
/// An audit entry written in the transaction of the change it records, waiting to be sealed into the chain
/// (within a fraction of a second) by <see cref="Features.Audit.AuditSealer"/>.
/// </summary>
public sealed class PendingAuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorId { get; set; } = string.Empty;
    public string ActorRole { get; set; } = string.Empty;
    public string Action { get; set; } = string.Empty;
    public string Target { get; set; } = string.Empty;
    public string Outcome { get; set; } = string.Empty;
}

/// <summary>The head of the audit chain (one row): the last sequence number and hash, locked to append.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long LastSeq { get; set; }
    public string LastHash { get; set; } = string.Empty;
}
