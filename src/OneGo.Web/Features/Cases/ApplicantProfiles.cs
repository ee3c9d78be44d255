using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Domain.Conditions;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Planning;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Cases;

/// <summary>
/// What the government already knows about an applicant, from the platform's registers (the embedded
/// shared-data source): facts for conditions, shared data for prefill, passed data-sharing checks and held
/// e-licenses.
/// </summary>
public static class ApplicantProfiles
{
    /// <summary>The applicant as recorded on a case, or null with a message when the register does not know them.</summary>
    public static async Task<(CaseApplicant? Applicant, ApplicantProfile Profile, string? Error)> LoadAsync(
        OneGoDb db, ApplicantKind kind, string code, string? agentIdNumber, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Only what can exempt a material: valid, unexpired licenses, without their signed documents, and of each type
        // the one valid longest (then the newest). A holder with thousands of licenses (an enterprise, or the load
        // benchmark's applicant) costs one narrow query, and the license a Plan names does not depend on row order.
        var valid = await db.Licenses.AsNoTracking()
            .Where(l => l.HolderCode == code && l.Status == LicenseStatus.Valid && (l.ValidUntil == null || l.ValidUntil >= today))
            .Select(l => new { l.Identifier, l.TypeCode, l.Name, l.ValidUntil, l.IssuedOn })
            .ToListAsync(cancellationToken);
        var held = valid
            .GroupBy(l => l.TypeCode, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(l => l.ValidUntil ?? DateOnly.MaxValue).ThenByDescending(l => l.IssuedOn).ThenByDescending(l => l.Identifier, StringComparer.Ordinal).First())
            .OrderBy(l => l.TypeCode, StringComparer.Ordinal)
            .Select(l => new HeldLicense(l.Identifier, l.TypeCode, l.Name, LicenseStatus.Valid, l.ValidUntil))
            .ToList();

        if (kind == ApplicantKind.Person)
        {
            if (!ResidentIdNumber.TryParse(code, today, out var id, out var error))
            {
                return (null, ApplicantProfile.Anonymous, $"申请人公民身份号码无效：{error}");
            }
            var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == code, cancellationToken);
            if (person is null)
            {
                return (null, ApplicantProfile.Anonymous, "人口基础信息库中没有这个公民身份号码，请核对后再试");
            }
            var checks = new HashSet<string>(StringComparer.Ordinal) { "population.identity" };
            if (person.LocalHukou)
            {
                checks.Add("population.hukou");
            }
            if (person.Married)
            {
                checks.Add("civil.marriage");
            }
            var profile = new ApplicantProfile
            {
                Facts = new Dictionary<string, ConditionValue>(StringComparer.Ordinal)
                {
                    ["age"] = ConditionValue.Number(id.AgeOn(today)),
                    ["gender"] = ConditionValue.Text(id.IsMale ? "male" : "female"),
                    ["localHukou"] = ConditionValue.Bool(person.LocalHukou),
                    ["isEnterprise"] = ConditionValue.Bool(false),
                },
                SharedData = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["population.name"] = person.Name,
                    ["population.idNumber"] = person.IdNumber,
                    ["population.phone"] = person.Phone,
                    ["population.address"] = person.Address,
                    ["population.hukouAddress"] = person.HukouAddress,
                    ["population.householder"] = person.Householder,
                },
                PassedChecks = checks,
                Licenses = held,
            };
            return (new CaseApplicant(ApplicantKind.Person, person.IdNumber, person.Name), profile, null);
        }

        if (!CreditCode.TryParse(code, out _, out var codeError))
        {
            return (null, ApplicantProfile.Anonymous, $"统一社会信用代码无效：{codeError}");
        }
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
        if (enterprise is null)
        {
            return (null, ApplicantProfile.Anonymous, "法人基础信息库中没有这个统一社会信用代码，请核对后再试");
        }
        PersonRecord? agent = null;
        if (agentIdNumber is not null)
        {
            agent = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == agentIdNumber, cancellationToken);
        }
        var enterpriseProfile = new ApplicantProfile
        {
            Facts = new Dictionary<string, ConditionValue>(StringComparer.Ordinal) { ["isEnterprise"] = ConditionValue.Bool(true) },
            SharedData = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["enterprise.name"] = enterprise.Name,
                ["enterprise.creditCode"] = enterprise.CreditCode,
                ["enterprise.address"] = enterprise.Address,
                ["enterprise.legalRepresentative"] = enterprise.LegalRepresentative,
                ["enterprise.entityType"] = enterprise.EntityType,
            },
            PassedChecks = new HashSet<string>(StringComparer.Ordinal) { "enterprise.license" },
            Licenses = held,
        };
        return (new CaseApplicant(ApplicantKind.Enterprise, enterprise.CreditCode, enterprise.Name, agent?.Name, agent?.IdNumber), enterpriseProfile, null);
    }
}
