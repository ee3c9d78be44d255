using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Licenses;
using OneGo.Web.Data;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Licenses;

/// <summary>
/// Approving a matter that results in a license issues it in the same transaction, signed by the department; anyone
/// can verify it by identifier; tampering, unknown and malformed identifiers each get their own answer. Both databases.
/// </summary>
[Trait("Category", "Database")]
public sealed class LicenseIssuanceTests : IClassFixture<OneGoFactory>
{
    private readonly OneGoFactory _factory;

    public LicenseIssuanceTests(OneGoFactory factory) => _factory = factory;

    private async Task<LicenseRecord> IssuedAsync()
    {
        var done = await Newborn.CompletedAsync(_factory, results: Newborn.BirthCertificateResults);
        var task = Newborn.TaskId(done, "birth-medical-certificate");
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
        return await db.Licenses.AsNoTracking().SingleAsync(l => l.TaskId == task);
    }

    [Fact]
    public async Task Approval_issues_a_signed_license_that_verifies_for_anyone()
    {
        var license = await IssuedAsync();
        Assert.True(LicenseIdentifier.TryParse(license.Identifier, out var id, out var error), error);
        Assert.Equal("11100000MB00020006001", id!.TypeCode);
        Assert.Equal(1, id.Version);
        var document = LicenseDocument.FromCanonicalBytes(license.Document!);
        Assert.Equal("出生医学证明", document.Name);
        Assert.Equal("R360732000123", document.Fields["certificateNumber"]);
        Assert.Equal(DemoSeed.ZhangSan, document.HolderCode);
        Assert.Equal(LicenseDocument.HolderIsPerson, document.HolderCodeType);
        Assert.Equal("xg-health", license.IssuerDepartment);

        using var anonymous = _factory.CreateClient();
        var answer = await anonymous.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/licenses/{license.Identifier}/verification");
        Assert.True(answer!["signatureValid"]!.GetValue<bool>(), answer.ToJsonString());
        Assert.Equal("valid", answer["status"]!.GetValue<string>());
        Assert.Equal("张*", answer["holder"]!.GetValue<string>());
        Assert.Equal("兴国县卫生健康委员会", answer["issuer"]!.GetValue<string>());
        Assert.DoesNotContain(DemoSeed.ZhangSan, answer.ToJsonString(), StringComparison.Ordinal);

        // The license is the applicant's from now on: the register lists it for his next applications.
        await using var scope = _factory.Services.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<OneGoDb>().Licenses.AsNoTracking().Where(l => l.HolderCode == DemoSeed.ZhangSan).Select(l => l.Identifier).ToListAsync();
        Assert.Contains(license.Identifier, held);
    }

    [Fact]
    public async Task Altered_data_and_a_record_that_disagrees_with_the_signed_data_are_both_reported()
    {
        var license = await IssuedAsync();
        using var anonymous = _factory.CreateClient();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
            var stored = await db.Licenses.SingleAsync(l => l.Identifier == license.Identifier);
            var text = System.Text.Encoding.UTF8.GetString(stored.Document!).Replace("R360732000123", "R360732000999", StringComparison.Ordinal);
            stored.Document = System.Text.Encoding.UTF8.GetBytes(text);
            await db.SaveChangesAsync();
        }
        var altered = await anonymous.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/licenses/{license.Identifier}/verification");
        Assert.False(altered!["signatureValid"]!.GetValue<bool>());
        Assert.Contains("签名无效", altered["signatureMessage"]!.GetValue<string>(), StringComparison.Ordinal);

        var other = await IssuedAsync();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
            var stored = await db.Licenses.SingleAsync(l => l.Identifier == other.Identifier);
            stored.HolderName = "李四";
            await db.SaveChangesAsync();
        }
        var relabelled = await anonymous.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/licenses/{other.Identifier}/verification");
        Assert.False(relabelled!["signatureValid"]!.GetValue<bool>());
        Assert.Contains("不一致", relabelled["signatureMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_holder_downloads_the_PDF_whose_text_and_QR_code_lead_to_the_verification_page()
    {
        var license = await IssuedAsync();
        var holder = await ApiClient.LoginAsync(_factory, "zhangsan");
        using var response = await holder.Http.GetAsync($"/api/v1/licenses/{license.Identifier}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var folder = new TempFolder();
        var file = folder.Write("license.pdf", await response.Content.ReadAsByteArrayAsync());
        var text = Tools.Run("pdftotext", "-layout", file, "-");
        Assert.Contains(license.Identifier, text, StringComparison.Ordinal);
        Assert.Contains("张*", text, StringComparison.Ordinal);
        Assert.Contains("R360732000123", text, StringComparison.Ordinal);
        Assert.Contains("出生医学证明编号", text, StringComparison.Ordinal);
        Tools.Run("pdftoppm", "-r", "200", "-png", "-singlefile", file, Path.Combine(folder.Path, "page"));
        var url = Tools.Run("zbarimg", "--raw", "-q", Path.Combine(folder.Path, "page.png")).Trim();
        Assert.EndsWith("/verify/" + license.Identifier, url, StringComparison.Ordinal);

        // The page the QR code opens says the license is genuine; nobody else may download the PDF.
        using var anonymous = _factory.CreateClient();
        var page = System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync(new Uri(url).PathAndQuery));
        Assert.Contains("签名有效", page, StringComparison.Ordinal);
        Assert.Contains("有效", page, StringComparison.Ordinal);
        Assert.Contains("张*", page, StringComparison.Ordinal);
        var other = await ApiClient.LoginAsync(_factory, "lisi");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/licenses/{license.Identifier}/pdf")).Status);
        var myLicenses = System.Net.WebUtility.HtmlDecode(await holder.Http.GetStringAsync("/my/licenses"));
        Assert.Contains(license.Identifier, myLicenses, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_and_malformed_identifiers_get_their_own_answers()
    {
        using var anonymous = _factory.CreateClient();
        var unknown = LicenseIdentifier.Create("11100000MB00020006001", "11360732MB0001000L", "20260924999999", 1).ToString();
        var missing = await anonymous.GetAsync($"/api/v1/licenses/{unknown}/verification");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("license-not-found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrongCheck = unknown[..^1] + (unknown[^1] == 'A' ? "B" : "A");
        var malformed = await anonymous.GetAsync($"/api/v1/licenses/{wrongCheck}/verification");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var body = await malformed.Content.ReadAsStringAsync();
        Assert.Contains("license-identifier-invalid", body, StringComparison.Ordinal);
        Assert.Contains("校验", body, StringComparison.Ordinal);
        var page = System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/verify?id={wrongCheck}"));
        Assert.Contains("证照标识格式不正确", page, StringComparison.Ordinal);
    }
}
