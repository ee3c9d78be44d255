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
        if (document.Check() is { Length: > 0 } problem)
        {
            throw new InvalidOperationException($"License for task {task.Id} is inconsistent: {problem}");
        }
        var bytes = document.ToCanonicalBytes();
        var signature = keys.Sign(department.Code, bytes);
        return new LicenseRecord
        {
            Identifier = identifier.ToString(),
            TypeCode = type.Code,
            Name = type.Name,
            HolderCode = @case.ApplicantCode,
            HolderName = @case.ApplicantName,
            IssuerCode = department.CreditCode,
            IssuedOn = today,
            ValidUntil = document.ValidUntil,
            Status = LicenseStatus.Valid,
            IssuerDepartment = department.Code,
            Document = bytes,
            Signature = signature.Signature,
            KeyId = signature.KeyId,
            CaseId = @case.Id,
            TaskId = task.Id,
            IssuedAt = now,
        };
    }
}
