using System.Globalization;
using System.Text.Json;
using OneGo.Domain.Cases;
using OneGo.Domain.Catalog;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Licenses;
using OneGo.Domain.Planning;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Licenses;

/// <summary>
/// Issues the electronic license a matter results in, when its task is approved — in the approval's transaction:
/// the identifier (type code, the department's credit code, a serial of the day and the task, version 001), the GB/T
/// 36903 data with the type's fields taken from the reviewer's result data, signed with the department's SM2 key.
/// </summary>
public sealed class LicenseIssuer(DepartmentKeys keys)
{
    public LicenseRecord? IssueFor(Case @case, CaseTask task, ServiceCatalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(catalog);
        if (task.State != TaskState.Approved
            || !catalog.MattersByCode.TryGetValue(task.MatterCode, out var matter)
            || matter.Result.Kind != ResultKind.License
            || matter.Result.LicenseType is not { } typeCode
            || !catalog.LicenseTypesByCode.TryGetValue(typeCode, out var type)
            || !catalog.DepartmentsByCode.TryGetValue(task.DepartmentCode, out var department))
        {
            return null;
        }
        var today = Case.Today(now);
        var identifier = LicenseIdentifier.Create(type.Code, department.CreditCode,
            today.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + task.Id.ToString("D6", CultureInfo.InvariantCulture), 1);
        var result = task.ResultData is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(task.ResultData) ?? [];
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            if (result.TryGetValue(field.Key, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                fields[field.Key] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
        }
        var document = new LicenseDocument
        {
            Name = type.Name,
            TypeCode = type.Code,
            Identifier = identifier,
            Issuer = department.Name,
            IssuerCode = department.CreditCode,
            IssuedOn = today,
            Holder = @case.ApplicantName,
            HolderCode = @case.ApplicantCode,
            HolderCodeType = @case.ApplicantKind == ApplicantKind.Person ? LicenseDocument.HolderIsPerson : LicenseDocument.HolderIsOrganisation,
            ValidFrom = today,
            ValidUntil = type.ValidYears is { } years ? today.AddYears(years).AddDays(-1) : null,
            Fields = fields,
        };
        var record = Sign(document, department, now);
        record.CaseId = @case.Id;
        record.TaskId = task.Id;
        return record;
    }

    /// <summary>
    /// 换发: the next version of a license, with the same serial, holder and type, the fields changed as given, issued
    /// today and signed afresh. The caller marks the old version superseded in the same transaction.
    /// </summary>
    public LicenseRecord Reissue(LicenseRecord old, IReadOnlyDictionary<string, string> changes, LicenseType? type, Department department, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(department);
        var previous = LicenseDocument.FromCanonicalBytes(old.Document ?? throw new InvalidOperationException($"License {old.Identifier} was never signed"));
        var fields = new SortedDictionary<string, string>(previous.Fields.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                fields.Remove(key);
            }
            else
            {
                fields[key] = value.Trim();
            }
        }
        var today = Case.Today(now);
        var document = previous with
        {
            Identifier = previous.Identifier.WithNextVersion(),
            Issuer = department.Name,
            IssuedOn = today,
            ValidFrom = today,
            ValidUntil = type?.ValidYears is { } years ? today.AddYears(years).AddDays(-1) : previous.ValidUntil,
            Fields = fields,
        };
        var record = Sign(document, department, now);
        record.CaseId = old.CaseId;
        record.TaskId = old.TaskId;
        record.Replaces = old.Identifier;
        record.ReissueReason = reason;
        return record;
    }

    /// <summary>Signs a license recorded without a signature (the demo seed's, or one imported from another system) with its issuer's key.</summary>
    public void SignExisting(LicenseRecord record, Department department, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(department);
        var document = new LicenseDocument
        {
            Name = record.Name,
            TypeCode = record.TypeCode,
            Identifier = LicenseIdentifier.TryParse(record.Identifier, out var identifier, out var error) ? identifier! : throw new InvalidOperationException(error),
            Issuer = department.Name,
            IssuerCode = department.CreditCode,
            IssuedOn = record.IssuedOn,
            Holder = record.HolderName,
            HolderCode = record.HolderCode,
            HolderCodeType = ResidentIdNumber.TryParse(record.HolderCode, DateOnly.MaxValue, out _, out _) ? LicenseDocument.HolderIsPerson : LicenseDocument.HolderIsOrganisation,
            ValidFrom = record.IssuedOn,
            ValidUntil = record.ValidUntil,
        };
        var signed = Sign(document, department, now);
        record.Document = signed.Document;
        record.Signature = signed.Signature;
        record.KeyId = signed.KeyId;
        record.IssuerDepartment = signed.IssuerDepartment;
        record.IssuedAt ??= now;
    }

    private LicenseRecord Sign(LicenseDocument document, Department department, DateTimeOffset now)
    {
        if (document.Check() is { Length: > 0 } problem)
        {
            throw new InvalidOperationException($"License {document.Identifier} is inconsistent: {problem}");
        }
        var bytes = document.ToCanonicalBytes();
        var signature = keys.Sign(department.Code, bytes);
        return new LicenseRecord
        {
            Identifier = document.Identifier.ToString(),
            TypeCode = document.TypeCode,
            Name = document.Name,
            HolderCode = document.HolderCode,
            HolderName = document.Holder,
            IssuerCode = document.IssuerCode,
            IssuedOn = document.IssuedOn,
            ValidUntil = document.ValidUntil,
            Status = LicenseStatus.Valid,
            IssuerDepartment = department.Code,
            Document = bytes,
            Signature = signature.Signature,
            KeyId = signature.KeyId,
            IssuedAt = now,
        };
    }
}
