using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Cases;

/// <summary>
/// Bad input gets a 4xx problem with a stable code and a Chinese message naming what is wrong — and no case
/// row and no stored file is left behind.
/// </summary>
[Trait("Category", "Database")]
public sealed class BadInputTests(OneGoFactory factory) : IClassFixture<OneGoFactory>
{
    private async Task<int> CaseCountAsync()
    {
        var supervisor = await ApiClient.LoginAsync(factory, "supervisor");
        return (await supervisor.OkAsync(supervisor.GetAsync("/api/v1/cases")))["total"]!.GetValue<int>();
    }

    private int StoredFileCount() =>
        Directory.Exists(Path.Combine(factory.DataPath, "files")) ? Directory.EnumerateFiles(Path.Combine(factory.DataPath, "files"), "*", SearchOption.AllDirectories).Count() : 0;

    private async Task<JsonNode> RejectedAsync(ApiClient client, object body, HttpStatusCode status, string code, string detailContains)
    {
        var before = await CaseCountAsync();
        var (actual, problem) = await client.PostAsync("/api/v1/cases", body);
        Assert.True(actual == status, $"{(int)actual} {problem?.ToJsonString()}");
        Assert.Equal(code, problem!["code"]!.GetValue<string>());
        Assert.Contains(detailContains, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await CaseCountAsync());
        return problem;
    }

    private static JsonObject Valid(IEnumerable<object> materials)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new
        {
            bundle = "newborn",
            answers = Newborn.Answers("no"),
            form = Newborn.Form("no"),
            materials,
            submit = true,
        }))!.AsObject();
        return node;
    }

    [Fact]
    public async Task Malformed_json_and_wrong_types_are_named()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        await RejectedAsync(applicant, "{\"bundle\": \"newborn\", ", HttpStatusCode.BadRequest, "malformed-json", "JSON");
        await RejectedAsync(applicant, "[1, 2]", HttpStatusCode.BadRequest, "malformed-json", "JSON 对象");
        var wrong = await RejectedAsync(applicant, "{\"bundle\": 7, \"form\": {\"child.name\": {\"x\": 1}}, \"submit\": \"yes\", \"extra\": 1}",
            HttpStatusCode.BadRequest, "invalid-request", "bundle 应为");
        var targets = wrong["errors"]!.AsArray().Select(e => e!["target"]!.GetValue<string>()).ToList();
        Assert.Equal(["extra", "bundle", "child.name", "submit"], targets);
    }

    [Fact]
    public async Task Unknown_bundles_and_answers_are_refused()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        await RejectedAsync(applicant, new { bundle = "no-such-bundle", submit = true }, HttpStatusCode.BadRequest, "bundle-not-found", "no-such-bundle");
        var body = Valid(await Newborn.UploadAsync(applicant, Newborn.RequiredMaterials.Take(3)));
        body["answers"]!["hukou"] = "grandfather";
        await RejectedAsync(applicant, body, HttpStatusCode.BadRequest, "invalid-answers", "grandfather");
        body["answers"]!["hukou"] = "father";
        body["answers"]!["birthplace"] = "elsewhere";
        await RejectedAsync(applicant, body, HttpStatusCode.UnprocessableEntity, "bundle-not-applicable", "省外");
    }

    [Fact]
    public async Task Invalid_identifiers_and_missing_scenario_fields_are_listed_together()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var body = Valid(await Newborn.UploadAsync(applicant, Newborn.RequiredMaterials.Take(3)));
        var id = Newborn.Form()["mother.idNumber"];
        body["form"]!["mother.idNumber"] = id[..17] + (id[17] == '1' ? "2" : "1"); // wrong check character
        body["answers"]!["ethnicity"] = "different"; // now the parents' ethnicities are required
        var problem = await RejectedAsync(applicant, body, HttpStatusCode.BadRequest, "application-invalid", "母亲公民身份号码");
        var targets = problem["errors"]!.AsArray().Select(e => e!["target"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("mother.idNumber", targets);
        Assert.Contains("mother.ethnicity", targets);
        Assert.Contains("father.ethnicity", targets);
        Assert.Contains("ethnicity-application", targets); // the material this scenario adds
        Assert.Contains("校验", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var clerk = await ApiClient.LoginAsync(factory, "window");
        var forEnterprise = Valid([]);
        forEnterprise["applicant"] = new JsonObject { ["creditCode"] = "91360732MA3ABCDE1X", ["agentIdNumber"] = id };
        await RejectedAsync(clerk, forEnterprise, HttpStatusCode.BadRequest, "applicant-invalid", "统一社会信用代码无效");
        var forPerson = Valid([]);
        var zhang = OneGo.Web.Data.DemoSeed.ZhangSan;
        forPerson["applicant"] = new JsonObject { ["idNumber"] = zhang[..17] + (zhang[17] == '1' ? "2" : "1") };
        await RejectedAsync(clerk, forPerson, HttpStatusCode.BadRequest, "applicant-invalid", "公民身份号码无效");
        var unknown = Valid([]);
        unknown["applicant"] = new JsonObject { ["idNumber"] = OneGo.Web.Data.DemoSeed.PersonId(new DateOnly(2001, 1, 1), 999, male: true) };
        await RejectedAsync(clerk, unknown, HttpStatusCode.BadRequest, "applicant-invalid", "人口基础信息库中没有");
    }

    [Fact]
    public async Task A_file_must_be_uploaded_by_the_filer_and_exempt_materials_are_not_taken()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var other = await ApiClient.LoginAsync(factory, "lisi");
        var body = Valid(await Newborn.UploadAsync(applicant, Newborn.RequiredMaterials.Take(3)));
        body["materials"]!.AsArray()[0]!["file"] = await other.UploadAsync("李四的文件.pdf");
        await RejectedAsync(applicant, body, HttpStatusCode.BadRequest, "material-invalid", "不存在");

        var exempt = Valid(await Newborn.UploadAsync(applicant, [.. Newborn.RequiredMaterials.Take(3), "marriage-certificate"]));
        await RejectedAsync(applicant, exempt, HttpStatusCode.BadRequest, "application-invalid", "无需上传");
    }

    [Fact]
    public async Task Uploads_that_are_too_large_of_a_wrong_type_or_named_like_a_path_write_nothing()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var before = StoredFileCount();

        async Task Rejected(byte[] content, string name, HttpStatusCode status, string code)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", name);
            using var response = await applicant.Http.PostAsync("/api/v1/files", form);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == status, $"{name}: {(int)response.StatusCode} {problem.ToJsonString()}");
            Assert.Equal(code, problem["code"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
        }

        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-1.4"u8.CopyTo(big);
        await Rejected(big, "大文件.pdf", HttpStatusCode.RequestEntityTooLarge, "file-too-large");
        await Rejected(Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n"), "脚本.pdf", HttpStatusCode.BadRequest, "file-type");
        await Rejected(Encoding.ASCII.GetBytes("%PDF-1.4 x"), "../../etc/passwd.pdf", HttpStatusCode.BadRequest, "file-name-invalid");
        await Rejected(Encoding.ASCII.GetBytes("%PDF-1.4 x"), "C:\\Windows\\a.pdf", HttpStatusCode.BadRequest, "file-name-invalid");
        await Rejected([], "空.pdf", HttpStatusCode.BadRequest, "file-empty");

        Assert.Equal(before, StoredFileCount());
    }

    [Fact]
    public async Task A_body_larger_than_a_megabyte_is_refused()
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var huge = "{\"bundle\": \"newborn\", \"form\": {\"child.name\": \"" + new string('张', 600_000) + "\"}}";
        await RejectedAsync(applicant, huge, HttpStatusCode.RequestEntityTooLarge, "body-too-large", "1 MB");
    }
}
