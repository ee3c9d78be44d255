using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Guidance;

if (args.Length > 0 && args[0] == "lint")
{
    return LintCommand.Run(args, Console.Out);
}
if (args.Length > 0 && args[0] == "report")
{
    return CatalogReport.Run(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    // People read this JSON: keep Chinese readable instead of \uXXXX escapes.
    options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
});
builder.Services.AddCatalog(builder.Configuration);

var app = builder.Build();

// Fail fast: a catalog with lint errors stops the start-up with the list of errors.
app.Services.GetRequiredService<CatalogStore>();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapGet("/health", (CatalogStore store) => Results.Ok(new { status = "ok", bundles = store.Catalog.Bundles.Count }))
    .WithTags("Health").WithSummary("健康检查");
app.MapCatalog();
app.MapGuidance();

app.Run();
return 0;

public partial class Program;
