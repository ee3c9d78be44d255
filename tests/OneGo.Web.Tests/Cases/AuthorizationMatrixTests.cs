using System.Text.Json.Nodes;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Cases;

/// <summary>
/// Every role against every endpoint of the cases API. 401 without login, 403 for a role that may never do
/// this, 404 for a record outside the user's scope (no hint that it exists); an allowed call gets past the
/// checks (to its own 200, or a 400/409 about the request or the state).
/// </summary>
[Trait("Category", "Database")]
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Setup setup) : IClassFixture<AuthorizationMatrixTests.Setup>
{
    /// <summary>One accepted newborn case of 张三 with a task at the health commission.</summary>
    public sealed class Setup : IAsyncLifetime
    {
        public OneGoFactory Factory { get; } = new();
        public long CaseId { get; private set; }
        public long HealthTask { get; private set; }
        public Dictionary<string, HttpClient> Clients { get; } = [];

        public async Task InitializeAsync()
        {
            var applicant = await ApiClient.LoginAsync(Factory, "zhangsan");
            var clerk = await ApiClient.LoginAsync(Factory, "window");
            CaseId = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();
            HealthTask = Newborn.TaskId(await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{CaseId}/accept")), "birth-medical-certificate");
            Clients["anonymous"] = Factory.CreateClient();
            foreach (var user in Users.Where(u => u != "anonymous"))
            {
                Clients[user] = (await ApiClient.LoginAsync(Factory, user)).Http;
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private static readonly string[] Users =
        ["anonymous", "zhangsan", "lisi", "window", "assistant", "reviewer-xg-health", "reviewer-xg-tax", "issuer", "supervisor", "admin"];

    // Expected status per user, in the order of Users.
    public static TheoryData<string, string, string, int[]> Matrix => new()
    {
        { "GET", "/api/v1/auth/me", "", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/v1/cases", "", [401, 200, 200, 200, 200, 200, 200, 200, 200, 200] },
        { "GET", "/api/v1/cases/{case}", "", [401, 200, 404, 200, 404, 200, 404, 404, 200, 404] },
        { "POST", "/api/v1/cases", "{}", [401, 400, 400, 400, 400, 403, 403, 403, 403, 403] },
        { "PUT", "/api/v1/cases/{case}", "{}", [401, 409, 404, 403, 404, 403, 403, 403, 403, 403] },
        { "POST", "/api/v1/cases/{case}/submit", "{}", [401, 409, 404, 403, 404, 403, 403, 403, 403, 403] },
        { "POST", "/api/v1/cases/{case}/resubmit", "{}", [401, 409, 404, 409, 404, 403, 403, 403, 403, 403] },
        { "POST", "/api/v1/cases/{case}/supplements", "{}", [401, 400, 404, 400, 404, 403, 403, 403, 403, 403] },
        { "GET", "/api/v1/window/queue", "", [401, 403, 403, 200, 403, 403, 403, 403, 403, 403] },
        { "POST", "/api/v1/cases/{case}/accept", "{}", [401, 403, 403, 409, 403, 403, 403, 403, 403, 403] },
        { "POST", "/api/v1/cases/{case}/corrections", "{\"items\":[\"x\"]}", [401, 403, 403, 409, 403, 403, 403, 403, 403, 403] },
        { "POST", "/api/v1/cases/{case}/refuse", "{\"reason\":\"x\"}", [401, 403, 403, 409, 403, 403, 403, 403, 403, 403] },
        { "GET", "/api/v1/tasks", "", [401, 403, 403, 403, 403, 200, 200, 403, 200, 403] },
        { "GET", "/api/v1/tasks/{task}", "", [401, 403, 403, 403, 403, 200, 404, 403, 200, 403] },
        { "POST", "/api/v1/tasks/{task}/resume", "{}", [401, 403, 403, 403, 403, 409, 404, 403, 403, 403] },
        { "POST", "/api/v1/tasks/{task}/approve", "{\"result\":1}", [401, 403, 403, 403, 403, 400, 404, 403, 403, 403] },
        { "POST", "/api/v1/tasks/{task}/deny", "{\"reason\":\"\"}", [401, 403, 403, 403, 403, 400, 404, 403, 403, 403] },
        { "POST", "/api/v1/files", "", [401, 400, 400, 400, 400, 403, 403, 403, 403, 403] },
        { "GET", "/api/v1/admin/audit/verify", "", [401, 403, 403, 403, 403, 403, 403, 403, 200, 200] },
        { "GET", "/api/v1/admin/catalog/versions", "", [401, 403, 403, 403, 403, 403, 403, 403, 200, 200] },
        { "POST", "/api/v1/admin/catalog/publish", "{}", [401, 403, 403, 403, 403, 403, 403, 403, 403, 200] },
        { "POST", "/api/v1/admin/api-keys", "{}", [401, 403, 403, 403, 403, 403, 403, 403, 403, 400] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_role_gets_what_its_scope_allows(string method, string path, string body, int[] expected)
    {
        var url = path.Replace("{case}", setup.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{task}", setup.HealthTask.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var actual = new List<string>();
        var wanted = new List<string>();
        for (var i = 0; i < Users.Length; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method != "GET")
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await setup.Clients[Users[i]].SendAsync(request);
            actual.Add($"{Users[i]}={(int)response.StatusCode}");
            wanted.Add($"{Users[i]}={expected[i]}");
            if ((int)response.StatusCode is 400 or 403 or 404 or 409 && response.Content.Headers.ContentLength > 0)
            {
                var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()), $"{Users[i]} {method} {url}: a problem without a Chinese detail");
            }
        }
        Assert.Equal(string.Join(" ", wanted), string.Join(" ", actual));
    }

    [Fact]
    public async Task Lists_are_scoped_applicants_and_reviewers_see_only_their_own()
    {
        async Task<int> Total(string user) =>
            JsonNode.Parse(await setup.Clients[user].GetStringAsync("/api/v1/cases"))!["total"]!.GetValue<int>();
        Assert.Equal(1, await Total("zhangsan"));
        Assert.Equal(0, await Total("lisi"));
        Assert.Equal(1, await Total("reviewer-xg-health"));
        Assert.Equal(0, await Total("reviewer-xg-tax"));
        Assert.Equal(0, await Total("admin"));
        var inbox = JsonNode.Parse(await setup.Clients["reviewer-xg-tax"].GetStringAsync("/api/v1/tasks"))!.AsArray();
        Assert.Empty(inbox);
        var health = JsonNode.Parse(await setup.Clients["reviewer-xg-health"].GetStringAsync("/api/v1/tasks"))!.AsArray();
        Assert.All(health, t => Assert.Equal("xg-health", t!["task"]!["department"]!.GetValue<string>()));
        Assert.Contains(health, t => t!["task"]!["id"]!.GetValue<long>() == setup.HealthTask);
    }
}
