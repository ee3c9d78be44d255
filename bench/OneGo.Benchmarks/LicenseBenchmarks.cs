using BenchmarkDotNet.Attributes;
using OneGo.Domain.Catalog;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Licenses;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Licenses;

namespace OneGo.Benchmarks;

/// <summary>
/// The cost of an e-license beyond its database row: building the GB/T 36903 document, its canonical bytes and the
/// department's SM2-with-SM3 signature (issuance); parsing the identifier, the signed document and checking the
/// signature (verification). The end-to-end figures over HTTP come from bench/OneGo.Load.
/// </summary>
[MemoryDiagnoser]
public class LicenseBenchmarks
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "onego-bench-keys-" + Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset now = new(2026, 9, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private DepartmentKeys keys = null!;
    private LicenseIssuer issuer = null!;
    private Department department = null!;
    private LicenseRecord signed = null!;
    private int serial;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = CatalogLoader.Load(BenchCatalog.Directory(), DateOnly.FromDateTime(now.Date)).Catalog;
        department = catalog.DepartmentsByCode["xg-health"];
        keys = new DepartmentKeys(folder, TimeProvider.System);
        issuer = new LicenseIssuer(keys);
        signed = Issue();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    private LicenseRecord Issue()
    {
        var record = new LicenseRecord
        {
            Identifier = LicenseIdentifier.Create("11100000MB00020006001", department.CreditCode, "20260924" + (++serial % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), 1).ToString(),
            TypeCode = "11100000MB00020006001",
            Name = "出生医学证明",
            HolderCode = "360732199005121015",
            HolderName = "张三",
            IssuerCode = department.CreditCode,
            IssuedOn = new DateOnly(2026, 9, 24),
            Status = LicenseStatus.Valid,
        };
        issuer.SignExisting(record, department, now);
        return record;
    }

    [Benchmark(Description = "issue: identifier + document + canonical bytes + SM2 signature")]
    public LicenseRecord IssueAndSign() => Issue();

    [Benchmark(Description = "verify: parse identifier + signed document + SM2 signature check")]
    public bool Verify()
    {
        var ok = LicenseIdentifier.TryParse(signed.Identifier, out _, out _)
            && keys.Verify(signed.IssuerDepartment!, signed.KeyId!, signed.Document!, signed.Signature!);
        var document = LicenseDocument.FromCanonicalBytes(signed.Document!);
        return ok && document.HolderCode == signed.HolderCode;
    }
}
