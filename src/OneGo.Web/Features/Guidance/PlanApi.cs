using System.Globalization;
using System.Text.Json;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Guidance;

/// <summary>
/// <c>POST /api/v1/bundles/{code}/plan</c>: the consultation (情形引导) as an API. The same Plan drives the
/// guide, the form, the window and the case.
/// </summary>
public static class PlanApi
{
    /// <summary>Request body. Each answer is an option code, or an array of codes for a multiple-choice question.</summary>
    public sealed record PlanRequest(Dictionary<string, JsonElement>? Answers, string? AcceptanceDate);

    public sealed record AnswerError(string Question, string Message);

    public static IEndpointRouteBuilder MapGuidance(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/bundles/{code}/plan", ResolvePlan)
            .WithTags("Guidance")
            .WithSummary("情形引导：根据情形问题的回答，计算适用事项、合并表单、材料清单（含免提交理由）、办理时限和改革成效")
            .Accepts<PlanRequest>("application/json")
            .Produces<Plan>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<IResult> ResolvePlan(string code, HttpRequest request, OneGoDb db, PublishedCatalogs catalogs, TimeProvider time)
    {
        var (catalog, bundle) = await Consultation.FindBundleAsync(catalogs, db, code, request.HttpContext.RequestAborted);
        if (bundle is null)
        {
            return Problems.NotFound("bundle-not-found", $"没有编码为“{code}”的一件事");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("malformed-json", "请求内容不是有效的 JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("malformed-json", "请求内容应为 JSON 对象，如 {\"answers\": {\"问题编码\": \"选项编码\"}}");
            }

            var acceptance = Consultation.Today(time);
            if (root.TryGetProperty("acceptanceDate", out var dateElement) && dateElement.ValueKind != JsonValueKind.Null)
            {
                if (dateElement.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(dateElement.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out acceptance))
                {
                    return Problems.BadRequest("invalid-date", "acceptanceDate 应为日期，格式 YYYY-MM-DD");
                }
            }

            var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var errors = new List<AnswerError>();
            if (root.TryGetProperty("answers", out var answersElement) && answersElement.ValueKind != JsonValueKind.Null)
            {
                if (answersElement.ValueKind != JsonValueKind.Object)
                {
                    return Problems.BadRequest("invalid-answers", "answers 应为对象：{\"问题编码\": \"选项编码\"}");
                }
                foreach (var property in answersElement.EnumerateObject())
                {
                    var value = ReadAnswer(property.Value);
                    if (value is null)
                    {
                        errors.Add(new AnswerError(property.Name, $"问题 {property.Name} 的回答应为选项编码（字符串）或选项编码数组"));
                    }
                    else
                    {
                        answers[property.Name] = value;
                    }
                }
            }
            if (errors.Count > 0)
            {
                return Invalid(errors);
            }

            var outcome = Consultation.Resolve(catalog, bundle, answers, acceptance);
            if (!outcome.IsValid)
            {
                return Invalid(outcome.Problems.Select(p => new AnswerError(p.QuestionId, p.Message)).ToList());
            }
            return Results.Ok(outcome.Plan);
        }
    }

    private static IResult Invalid(List<AnswerError> errors) =>
        Problems.BadRequest("invalid-answers", string.Join("；", errors.Select(e => e.Message)), errors);

    private static List<string>? ReadAnswer(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return [value.GetString()!];
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }
                    list.Add(item.GetString()!);
                }
                return list;
            default:
                return null;
        }
    }
}
