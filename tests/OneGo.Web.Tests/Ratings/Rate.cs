using System.Net;
using System.Text.Json.Nodes;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Ratings;

/// <summary>Rating requests as the applicant sends them (an online case: the five online indicators).</summary>
internal static class Rate
{
    public static readonly string[] OnlineIndicators = ["overallSatisfaction", "efficiency", "guideAccuracy", "convenience", "platformUsability"];

    public static Dictionary<string, string> Scores(string level) => OnlineIndicators.ToDictionary(i => i, _ => level);

    public static object Body(long? task, string level, string? comment = null) => new { task, level, scores = Scores(level), comment };

    public static Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(ApiClient applicant, long caseId, long? task, string level, string? comment = null) =>
        applicant.PostAsync($"/api/v1/cases/{caseId}/ratings", Body(task, level, comment));

    public static async Task<JsonNode> OkAsync(ApiClient applicant, long caseId, long? task, string level, string? comment = null)
    {
        var (status, body) = await PostAsync(applicant, caseId, task, level, comment);
        Assert.True(status == HttpStatusCode.Created, $"rating: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    public static JsonNode? OfCase(JsonNode list, long caseId) =>
        list.AsArray().SingleOrDefault(x => x!["caseId"]!.GetValue<long>() == caseId);

    public static long Id(JsonNode node) => node["id"]!.GetValue<long>();

    public static string Text(JsonNode node, string property) => node[property]!.GetValue<string>();
}
