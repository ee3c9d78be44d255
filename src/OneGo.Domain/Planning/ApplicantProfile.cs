using OneGo.Domain.Conditions;

namespace OneGo.Domain.Planning;

/// <summary>A license's status: only <see cref="Valid"/> licenses prove anything. A re-issued license is <see cref="Superseded"/> by its next version.</summary>
public enum LicenseStatus { Valid, Revoked, Expired, Superseded }

/// <summary>An e-license the applicant holds, as the license registry reports it.</summary>
public sealed record HeldLicense(string Identifier, string TypeCode, string Name, LicenseStatus Status, DateOnly? ValidUntil);

/// <summary>
/// What the government already knows about the applicant: facts for conditions, shared data for prefill,
/// the data-sharing checks that succeed for them and the e-licenses they hold.
/// </summary>
public sealed record ApplicantProfile
{
    public static ApplicantProfile Anonymous { get; } = new();

    public IReadOnlyDictionary<string, ConditionValue> Facts { get; init; } = new Dictionary<string, ConditionValue>();
    /// <summary>Shared-data attributes by path, e.g. <c>population.name</c> → 张三.</summary>
    public IReadOnlyDictionary<string, string> SharedData { get; init; } = new Dictionary<string, string>();
    public IReadOnlySet<string> PassedChecks { get; init; } = new HashSet<string>();
    public IReadOnlyList<HeldLicense> Licenses { get; init; } = [];
}
