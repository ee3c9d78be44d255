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
        return services;
    }

    public static IEndpointRouteBuilder MapLicenses(this IEndpointRouteBuilder app)
    {
        var licenses = app.MapGroup("/api/v1/licenses").WithTags("Licenses").AllowAnonymous().AddEndpointFilter<ProblemFilter>();
        licenses.MapGet("/keys", ListKeys)
            .WithSummary("各部门电子证照签名公钥（SM2，含已轮换的旧密钥），用于验证证照签名")
            .Produces<List<PublicKeyView>>();
        licenses.MapGet("/keys/{department}", DepartmentKeysOf)
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
}
