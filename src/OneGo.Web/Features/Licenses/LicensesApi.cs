using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Cases;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Licenses;
using OneGo.Domain.Planning;
using OneGo.Web.Features.Cases;
using OneGo.Domain.Catalog;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Licenses;

/// <summary>Electronic licenses: the departments' signing keys and their public halves for anyone who verifies.</summary>
public static class LicensesApi
{
    public static IServiceCollection AddLicenses(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(LicenseOptions.Section).Get<LicenseOptions>() ?? new LicenseOptions();
        services.AddSingleton(sp =>
        {
            var keysPath = string.IsNullOrWhiteSpace(options.KeysPath)
                ? Path.Combine(sp.GetRequiredService<StorageOptions>().ResolveDataPath(), "license-keys")
                : options.KeysPath;
            return new DepartmentKeys(keysPath, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DepartmentKeys>>());
        });
        services.AddSingleton<LicenseIssuer>();
        services.AddScoped<LicenseRegistry>();
        return services;
    }

    public static IEndpointRouteBuilder MapLicenses(this IEndpointRouteBuilder app)
    {
        // Verification and the public keys are for anyone; the rest is for the holder or the issuing department.
        var licenses = app.MapGroup("/api/v1/licenses").WithTags("Licenses").AddEndpointFilter<ProblemFilter>();
        licenses.MapGet("/{identifier}/verification", Verify).AllowAnonymous()
            .WithSummary("核验电子证照：签名是否有效、状态（有效/已撤销/已过期）、证照类型、颁发机构、持证主体（脱敏）；标识校验位错误返回 400，未知标识返回 404")
            .Produces<Verification>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        licenses.MapGet("/{identifier}/pdf", Pdf).RequireAuthorization()
            .WithSummary("下载电子证照 PDF（持证人本人或颁发部门）：证照信息与签名数据一致，附核验二维码")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        licenses.MapGet("/mine", Mine).RequireAuthorization(p => p.RequireRole(Roles.Applicant))
            .WithSummary("我的证照：本人（或本企业）持有的电子证照及其用证记录（哪个办件、为什么使用了该证照）")
            .Produces<List<HeldLicenseView>>();
        licenses.MapGet("/issued", Issued).RequireAuthorization(p => p.RequireRole(Roles.Reviewer))
            .WithSummary("本部门颁发的电子证照（部门审批人员），可按证照标识、持证主体代码或名称、证照名称查找")
            .Produces<List<LicenseView>>();
        licenses.MapPost("/{identifier}/revocation", Revoke).RequireAuthorization(p => p.RequireRole(Roles.Reviewer))
            .WithSummary("撤销电子证照（仅颁发部门），须填写原因；撤销后核验显示“已撤销”，不再用于免提交材料；已撤销或已换发的证照返回 409")
            .Produces<LicenseView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        licenses.MapPost("/{identifier}/reissue", Reissue).RequireAuthorization(p => p.RequireRole(Roles.Reviewer))
            .WithSummary("换发电子证照（仅颁发部门）：版本号加一、重新签名，可更改证照数据项；原版本变为“已换发”")
            .Produces<LicenseView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        licenses.MapGet("/keys", ListKeys).AllowAnonymous()
            .WithSummary("各部门电子证照签名公钥（SM2，含已轮换的旧密钥），用于验证证照签名")
            .Produces<List<PublicKeyView>>();
        licenses.MapGet("/keys/{department}", DepartmentKeysOf).AllowAnonymous()
            .WithSummary("一个部门的电子证照签名公钥")
            .Produces<List<PublicKeyView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>A public key as published: everything a verifier needs.</summary>
    public sealed record PublicKeyView(
        string Department,
        string? DepartmentName,
        string? CreditCode,
        string KeyId,
        string Algorithm,
        string UserId,
        string PublicKeyPem,
        DateTimeOffset CreatedAt,
        bool Current);

    internal static async Task<IResult> ListKeys(OneGoDb db, PublishedCatalogs catalogs, DepartmentKeys keys, CancellationToken cancellationToken)
    {
        var (_, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        // Every department gets its key on the first call (about 2 ms each), so the list is complete.
        var views = catalog.Departments.OrderBy(d => d.Code, StringComparer.Ordinal)
            .SelectMany(d => Views(d.Code, d, keys.Keys(d.Code)))
            .ToList();
        return Results.Ok(views);
    }

    internal static async Task<IResult> DepartmentKeysOf(OneGoDb db, PublishedCatalogs catalogs, DepartmentKeys keys, string department, CancellationToken cancellationToken)
    {
        var (_, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        if (catalog.DepartmentsByCode.TryGetValue(department, out var known))
        {
            return Results.Ok(Views(department, known, keys.Keys(department)));
        }
        // A department no longer in the catalog still has the keys its licenses were signed with.
        var existing = DepartmentKeys.IsValidDepartment(department) ? keys.ExistingKeys(department) : Array.Empty<DepartmentKey>();
        if (existing.Count == 0)
        {
            throw ProblemException.NotFound("department-not-found", $"没有代码为“{department}”的部门");
        }
        return Results.Ok(Views(department, null, existing));
    }

    private static List<PublicKeyView> Views(string code, Department? department, IReadOnlyList<DepartmentKey> keys)
    {
        var current = keys.LastOrDefault(k => k.Private is not null)?.KeyId;
        return keys.Select(k => new PublicKeyView(
                code, department?.Name, department?.CreditCode, k.KeyId, DepartmentKeys.Algorithm, DepartmentKeys.UserId,
                k.PublicKeyPem, k.CreatedAt, k.KeyId == current))
            .ToList();
    }

    /// <summary>The answer of a verification: what a clerk of another county, or anyone holding the paper, may know.</summary>
    public sealed record Verification(
        string Identifier, bool SignatureValid, string SignatureMessage, string Status, string StatusLabel,
        string Name, string TypeCode, string Issuer, string IssuerCode, string Holder, DateOnly IssuedOn, DateOnly? ValidUntil, string? KeyId,
        string? StatusDetail = null, string? SupersededBy = null);

    /// <summary>A license as its issuing department or its holder sees it.</summary>
    public sealed record LicenseView(
        string Identifier, string Name, string TypeCode, int Version, string Holder, string HolderCode, DateOnly IssuedOn, DateOnly? ValidUntil,
        string Status, string StatusLabel, string? StatusDetail, string? Replaces, string? SupersededBy, string? ReissueReason,
        IReadOnlyDictionary<string, string> Fields, long? CaseId, bool Signed);

    /// <summary>One 用证记录.</summary>
    public sealed record UseView(long CaseId, string? CaseNumber, string BundleName, string MaterialName, string Purpose, string UsedBy, DateTimeOffset UsedAt);

    public sealed record HeldLicenseView(LicenseView License, IReadOnlyList<UseView> Uses);

    public sealed record RevocationRequest(string? Reason);

    public sealed record ReissueRequest(string? Reason, Dictionary<string, string>? Fields);

    public static LicenseStatus StatusOn(LicenseRecord record, DateOnly today) =>
        record.Status == LicenseStatus.Valid && record.ValidUntil is { } until && until < today ? LicenseStatus.Expired : record.Status;

    public static string Label(LicenseStatus status) => status switch
    {
        LicenseStatus.Valid => "有效",
        LicenseStatus.Revoked => "已撤销",
        LicenseStatus.Expired => "已过期",
        LicenseStatus.Superseded => "已换发",
        _ => status.ToString(),
    };

    /// <summary>Why a license no longer proves anything, in words (null while it is valid).</summary>
    public static string? Detail(LicenseRecord record, LicenseStatus status) => status switch
    {
        LicenseStatus.Revoked => $"{record.RevokedAt?.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd} 由颁发部门撤销，原因：{record.RevocationReason}",
        LicenseStatus.Superseded => $"已换发为新版本 {record.SupersededBy}",
        LicenseStatus.Expired => $"有效期已于 {record.ValidUntil:yyyy-MM-dd} 届满",
        _ => null,
    };

    public static LicenseView ViewOf(LicenseRecord record, DateOnly today, bool maskHolder)
    {
        ArgumentNullException.ThrowIfNull(record);
        var status = StatusOn(record, today);
        var fields = record.Document is null ? new Dictionary<string, string>() : LicenseDocument.FromCanonicalBytes(record.Document).Fields.ToDictionary(f => f.Key, f => f.Value);
        var version = LicenseIdentifier.TryParse(record.Identifier, out var parsed, out _) ? parsed!.Version : 1;
        var kind = ResidentIdNumber.TryParse(record.HolderCode, DateOnly.MaxValue, out _, out _) ? ApplicantKind.Person : ApplicantKind.Enterprise;
        return new LicenseView(record.Identifier, record.Name, record.TypeCode, version,
            maskHolder ? CaseQueries.MaskName(record.HolderName) : record.HolderName,
            maskHolder ? CaseQueries.MaskCode(kind, record.HolderCode) : record.HolderCode,
            record.IssuedOn, record.ValidUntil, JsonNamingPolicy.CamelCase.ConvertName(status.ToString()), Label(status), Detail(record, status),
            record.Replaces, record.SupersededBy, record.ReissueReason, fields, record.CaseId, record.Document is not null);
    }

    internal static async Task<IResult> Mine(HttpContext context, OneGoDb db, LicenseRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var code = CurrentUser.From(context.User).ApplicantCode;
        if (code is null)
        {
            return Results.Ok(new List<HeldLicenseView>());
        }
        var today = Case.Today(time.GetUtcNow());
        var licenses = await db.Licenses.AsNoTracking().Where(l => l.HolderCode == code).OrderByDescending(l => l.IssuedOn).ToListAsync(cancellationToken);
        var uses = (await registry.UsesOfHolderAsync(code, cancellationToken)).ToLookup(u => u.LicenseIdentifier);
        return Results.Ok(licenses.Select(l => new HeldLicenseView(ViewOf(l, today, maskHolder: false),
            uses[l.Identifier].Select(u => new UseView(u.CaseId, u.CaseNumber, u.BundleName, u.MaterialName, u.Purpose, u.UsedBy, u.UsedAt)).ToList())).ToList());
    }

    internal static async Task<IResult> Issued(string? q, int? take, HttpContext context, LicenseRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = Case.Today(time.GetUtcNow());
        var list = await registry.IssuedByDepartmentAsync(CurrentUser.From(context.User), q, take ?? 50, cancellationToken);
        return Results.Ok(list.Select(l => ViewOf(l, today, maskHolder: true)).ToList());
    }

    internal static async Task<IResult> Revoke(string identifier, RevocationRequest? body, HttpContext context, LicenseRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await registry.RevokeAsync(CurrentUser.From(context.User), identifier, body?.Reason, cancellationToken);
        return Results.Ok(ViewOf(record, Case.Today(time.GetUtcNow()), maskHolder: true));
    }

    internal static async Task<IResult> Reissue(string identifier, ReissueRequest? body, HttpContext context, LicenseRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await registry.ReissueAsync(CurrentUser.From(context.User), identifier, body?.Reason, body?.Fields, cancellationToken);
        return Results.Created($"/api/v1/licenses/{record.Identifier}/verification", ViewOf(record, Case.Today(time.GetUtcNow()), maskHolder: true));
    }

    internal static async Task<IResult> Verify(string identifier, OneGoDb db, DepartmentKeys keys, PublishedCatalogs catalogs, TimeProvider time, CancellationToken cancellationToken) =>
        Results.Ok(await VerifyAsync(identifier, db, keys, catalogs, time, cancellationToken));

    /// <summary>Parses the identifier (check character included), finds the license and checks its signature and status.</summary>
    public static async Task<Verification> VerifyAsync(string identifier, OneGoDb db, DepartmentKeys keys, PublishedCatalogs catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(catalogs);
        ArgumentNullException.ThrowIfNull(time);
        if (!LicenseIdentifier.TryParse(identifier, out var parsed, out var error))
        {
            throw ProblemException.BadRequest("license-identifier-invalid", $"证照标识格式不正确：{error}");
        }
        var text = parsed!.ToString();
        var record = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Identifier == text, cancellationToken)
            ?? throw ProblemException.NotFound("license-not-found", "证照库中没有这个证照标识：它可能不是本平台签发的，或者是伪造的");
        var today = Case.Today(time.GetUtcNow());
        var (valid, message) = record switch
        {
            { Document: null } or { Signature: null } or { KeyId: null } or { IssuerDepartment: null } => (false, "该证照没有本平台的数字签名（由其他系统导入）"),
            _ when keys.Verify(record.IssuerDepartment!, record.KeyId!, record.Document!, record.Signature!, out var reason) =>
                MatchesRecord(record) ? (true, "签名有效：证照数据自签发以来未被改动") : (false, "签名有效，但证照库中的记录与签名数据不一致"),
            _ => (false, "签名无效：证照数据已被改动，或签名不是颁发机构的密钥所作"),
        };
        var status = StatusOn(record, today);
        var catalog = (await catalogs.CurrentAsync(db, cancellationToken)).Catalog;
        var issuer = catalog.DepartmentsByCode.Values.FirstOrDefault(d => d.CreditCode == record.IssuerCode)?.Name ?? record.IssuerCode;
        return new Verification(text, valid, message, JsonNamingPolicy.CamelCase.ConvertName(status.ToString()), Label(status),
            record.Name, record.TypeCode, issuer, record.IssuerCode, CaseQueries.MaskName(record.HolderName), record.IssuedOn, record.ValidUntil, record.KeyId,
            Detail(record, status), record.SupersededBy);
    }

    internal static async Task<IResult> Pdf(string identifier, HttpContext context, OneGoDb db, PublishedCatalogs catalogs, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context.User);
        var record = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Identifier == identifier, cancellationToken);
        // Only the holder and the issuing department; to anyone else the license does not exist here (verification is public).
        if (record?.Document is null || !(record.HolderCode == user.ApplicantCode || (user.Is(Roles.Reviewer) && user.Department == record.IssuerDepartment)))
        {
            throw ProblemException.NotFound("license-not-found", "没有这个证照，或您不是持证人");
        }
        var catalog = (await catalogs.CurrentAsync(db, cancellationToken)).Catalog;
        var request = context.Request;
        var url = Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString("/verify/" + record.Identifier));
        var pdf = LicensePdf.Render(FaceOf(LicenseDocument.FromCanonicalBytes(record.Document), catalog, url));
        return Results.File(pdf, "application/pdf", $"{record.Name}-{record.Identifier}.pdf");
    }

    /// <summary>The face shows the signed document, the holder masked as the public verification page shows it.</summary>
    public static LicenseFace FaceOf(LicenseDocument document, ServiceCatalog catalog, string verificationUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(catalog);
        var labels = catalog.LicenseTypesByCode.TryGetValue(document.TypeCode, out var type)
            ? type.Fields.ToDictionary(f => f.Key, f => f.Label, StringComparer.Ordinal)
            : [];
        var kind = document.HolderCodeType == LicenseDocument.HolderIsPerson ? ApplicantKind.Person : ApplicantKind.Enterprise;
        return new LicenseFace(document.Name, document.Identifier.ToString(), CaseQueries.MaskName(document.Holder), CaseQueries.MaskCode(kind, document.HolderCode),
            document.Issuer, document.IssuedOn, document.ValidUntil,
            document.Fields.Select(f => new KeyValuePair<string, string>(labels.GetValueOrDefault(f.Key, f.Key), f.Value)).ToList(), verificationUrl);
    }

    // The searchable columns must say what the signed document says.
    private static bool MatchesRecord(LicenseRecord record)
    {
        try
        {
            var document = LicenseDocument.FromCanonicalBytes(record.Document!);
            return document.Identifier.ToString() == record.Identifier && document.HolderCode == record.HolderCode
                && document.Holder == record.HolderName && document.IssuerCode == record.IssuerCode && document.ValidUntil == record.ValidUntil;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
