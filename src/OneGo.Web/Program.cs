using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using OneGo.Web.Data;
using OneGo.Web.Features.Accounts;
using OneGo.Web.Features.Admin;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Cases;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Dashboards;
using OneGo.Web.Features.Files;
using OneGo.Web.Features.Guidance;
using OneGo.Web.Features.Issuance;
using OneGo.Web.Features.Licenses;
using OneGo.Web.Features.Notifications;
using OneGo.Web.Features.Ratings;
using OneGo.Web.Features.Review;
using OneGo.Web.Features.Supervision;
using OneGo.Web.Features.Window;
using OneGo.Web.Infrastructure;

if (args.Length > 0 && args[0] == "lint")
{
    return LintCommand.Run(args, Console.Out);
}
if (args.Length > 0 && args[0] == "report")
{
    return CatalogReport.Run(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
// The pages (and AntDesign's texts) speak Simplified Chinese; the API's formats stay invariant.
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
if (!builder.Environment.IsDevelopment())
{
    // Serve the components' assets (_content/AntDesign/…) from the build output too, not only from a publish folder.
    builder.WebHost.UseStaticWebAssets();
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    // Framework-made problems (401, 403, unreadable bodies) also speak Chinese.
    var problem = context.ProblemDetails;
    switch (problem.Status)
    {
        case StatusCodes.Status401Unauthorized:
            problem.Detail ??= "请先登录";
            problem.Extensions.TryAdd("code", "unauthenticated");
            break;
        case StatusCodes.Status403Forbidden:
            problem.Detail ??= "您的角色无权进行这项操作";
            problem.Extensions.TryAdd("code", "forbidden");
            break;
        case StatusCodes.Status400BadRequest:
            problem.Detail ??= "请求内容无法读取：请发送有效的 JSON，字段类型须与接口文档一致";
            problem.Extensions.TryAdd("code", "malformed-request");
            break;
    }
});
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 64L * 1024 * 1024);
builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
{
    // Programs sign in with a bearer token (POST /api/v1/auth/login) or a department API key.
    document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
    document.Components.SecuritySchemes = new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>
    {
        ["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
        {
            Type = Microsoft.OpenApi.SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "POST /api/v1/auth/login 返回的 accessToken",
        },
        ["apiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
        {
            Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
            In = Microsoft.OpenApi.ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "部门业务系统的 API 密钥（管理员创建）",
        },
    };
    document.Security =
    [
        new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("bearer", document)] = [] },
        new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("apiKey", document)] = [] },
    ];
    return Task.CompletedTask;
}));
builder.Services.ConfigureHttpJsonOptions(options =>
{
    // People read this JSON: keep Chinese readable instead of \uXXXX escapes.
    options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
});
builder.Services.AddCatalog(builder.Configuration);
builder.Services.AddOneGoData(builder.Configuration);
builder.Services.AddOneGoSecurity();
// Cookie and token keys: generated on first run under the data folder (shared folder when several nodes run), never in git.
builder.Services.AddDataProtection()
    .SetApplicationName("OneGo")
    .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["OneGo:KeysPath"] ?? Path.Combine(Path.GetFullPath(builder.Configuration["OneGo:DataPath"] ?? "data"), "keys")));
builder.Services.AddFiles(builder.Configuration);
builder.Services.AddCases();
builder.Services.AddLicenses(builder.Configuration);
builder.Services.AddRatings(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddDashboards();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAntDesign();

var app = builder.Build();

// Fail fast: a catalog with lint errors stops the start-up with the list of errors.
app.Services.GetRequiredService<CatalogStore>();
await app.Services.InitialiseDatabaseAsync();

if (args.Length > 0 && args[0] == "publish")
{
    // ./run.sh publish — publish the catalog files as a new version, then exit.
    await using var scope = app.Services.CreateAsyncScope();
    var result = await scope.ServiceProvider.GetRequiredService<PublishedCatalogs>()
        .PublishAsync(scope.ServiceProvider.GetRequiredService<OneGoDb>(), scope.ServiceProvider.GetRequiredService<CatalogStore>().Directory, "command-line");
    Console.WriteLine(result.Message);
    result.Errors.ToList().ForEach(Console.WriteLine);
    return result.Errors.Count > 0 ? 1 : 0;
}
if (args.Length > 0 && args[0] == "verify-audit")
{
    // ./run.sh verify-audit — walk the audit chain; exit 1 when it is broken.
    await using var scope = app.Services.CreateAsyncScope();
    var verification = await AuditLog.VerifyAsync(scope.ServiceProvider.GetRequiredService<OneGoDb>());
    Console.WriteLine(verification.Message);
    return verification.Intact ? 0 : 1;
}

if (args.Length > 0 && args[0] == "generate-cases")
{
    // ./run.sh generate-cases --count 1000000 [--days 365] — synthetic cases for the dashboards' benchmarks (docs/benchmarks.md).
    return await CaseGenerator.RunAsync(app.Services, args, Console.Out);
}

if (args.Length > 0 && args[0] == "rotate-license-key")
{
    // ./run.sh rotate-license-key xg-police — a new signing key for the department; its old keys keep verifying.
    var department = args.Length > 1 ? args[1] : "";
    if (!app.Services.GetRequiredService<CatalogStore>().Catalog.DepartmentsByCode.ContainsKey(department))
    {
        Console.Error.WriteLine($"目录中没有代码为“{department}”的部门");
        return 1;
    }
    var key = app.Services.GetRequiredService<DepartmentKeys>().Rotate(department);
    Console.WriteLine($"{department} 的新签名密钥 {key.KeyId} 已生成，旧密钥保留用于验证");
    return 0;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
// A person who follows a wrong link gets the 页面不存在 page (status 404), written before the problem details above
// would be; programs under /api get problem details.
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"),
    branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRouting(); // after the re-execution, so that /not-found is routed when it runs
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapGet("/health", (CatalogStore store) => Results.Ok(new { status = "ok", bundles = store.Catalog.Bundles.Count }))
    .WithTags("Health").WithSummary("健康检查");
app.MapCatalog();
app.MapGuidance();
app.MapAccounts();
app.MapFiles();
app.MapCases();
app.MapWindow();
app.MapReview();
app.MapLicenses();
app.MapAdmin();
app.MapIssuance();
app.MapRatings();
app.MapNotifications();
app.MapDashboards();
app.MapSupervision();
app.MapStaticAssets();
app.MapRazorComponents<OneGo.Web.Components.App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

public partial class Program;
