using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneGo.Web.Data;

namespace OneGo.Web.Tests.Api;

/// <summary>Calls the API as one signed-in account (bearer token), the way a program or the UI would.</summary>
public sealed class ApiClient
{
    public const string Password = DemoSeed.Password;

    private ApiClient(HttpClient http, string userName)
    {
        Http = http;
        UserName = userName;
    }

    public HttpClient Http { get; }

    public string UserName { get; }

    public static async Task<ApiClient> LoginAsync(OneGoFactory factory, string userName)
    {
        var http = factory.CreateClient();
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        Assert.True(response.IsSuccessStatusCode, $"login {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(http, userName);
    }

    public static Task<ApiClient> ReviewerAsync(OneGoFactory factory, string department) => LoginAsync(factory, "reviewer-" + department);

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(key, value);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object? body = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, path, body ?? new { }, headers);

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Asserts success and returns the body.</summary>
    public async Task<JsonNode> OkAsync(Task<(HttpStatusCode Status, JsonNode? Body)> call)
    {
        var (status, body) = await call;
        Assert.True((int)status is >= 200 and < 300, $"{UserName}: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>Uploads a small PDF with a unique content and returns its file id.</summary>
    public async Task<string> UploadAsync(string name = "材料.pdf", byte[]? content = null)
    {
        using var form = new MultipartFormDataContent();
        var bytes = content ?? Encoding.ASCII.GetBytes("%PDF-1.4\n% OneGo test " + Guid.NewGuid() + "\n%%EOF");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        using var response = await Http.PostAsync("/api/v1/files", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["hash"]!.GetValue<string>();
    }
}
