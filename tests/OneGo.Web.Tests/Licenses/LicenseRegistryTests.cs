using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Licenses;

/// <summary>
/// The license registry after issuance: a license issued in one case exempts its material in the holder's next case
/// (and nobody else's); every use is logged for the holder; the issuing department revokes and re-issues, and
/// verification, the registry and exemptions follow at once. Both databases.
/// </summary>
[Trait("Category", "Database")]
public sealed class LicenseRegistryTests : IClassFixture<OneGoFactory>
{
    private readonly OneGoFactory _factory;

    public LicenseRegistryTests(OneGoFactory factory) => _factory = factory;

    // 育儿补贴, first application by a married parent: the child's 出生医学证明 is one of its materials.
    private static object Childcare() => new
    {
        bundle = "childcare-subsidy",
        answers = new Dictionary<string, string> { ["hukou"] = "yes", ["kind"] = "first", ["claimant"] = "parent", ["marriage"] = "married" },
        form = new Dictionary<string, string>(),
        materials = Array.Empty<object>(),
        submit = false,
    };

    private static JsonNode? Material(JsonNode @case, string key) =>
        @case["plan"]!["materials"]!.AsArray().SingleOrDefault(m => m!["key"]!.GetValue<string>() == key);

    private Task<string> BirthCertificateAsync() => BirthCertificateAsync(_factory);

    private static async Task<string> BirthCertificateAsync(OneGoFactory factory)
    {
        var done = await Newborn.CompletedAsync(factory, results: Newborn.BirthCertificateResults);
        var reviewer = await ApiClient.ReviewerAsync(factory, "xg-health");
        var issued = await reviewer.OkAsync(reviewer.GetAsync("/api/v1/licenses/issued?q=" + DemoSeed.ZhangSan));
        var license = issued.AsArray().First(l => l!["name"]!.GetValue<string>() == "出生医学证明" && l["status"]!.GetValue<string>() == "valid" && l["caseId"]!.GetValue<long>() == done["id"]!.GetValue<long>());
        return license!["identifier"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_license_issued_in_one_case_exempts_its_material_in_the_holders_next_case_only()
    {
        // A database of its own: before the newborn case, 张三 holds no 出生医学证明, so the bundle has to verify it
        // with the health department (a matter of its own that the qualification waits for).
        using var factory = new OneGoFactory();
        var zhangsan = await ApiClient.LoginAsync(factory, "zhangsan");
        var before = await zhangsan.OkAsync(zhangsan.PostAsync("/api/v1/cases", Childcare()));
        Assert.Equal("bundleResult", Material(before, "birth-medical-certificate")!["exemption"]!["kind"]!.GetValue<string>());

        var identifier = await BirthCertificateAsync(factory);

        var mine = await zhangsan.OkAsync(zhangsan.PostAsync("/api/v1/cases", Childcare()));
        var exempt = Material(mine, "birth-medical-certificate");
        Assert.True(exempt is not null, mine["plan"]!["materials"]!.ToJsonString());
        Assert.Equal("license", exempt["exemption"]?["kind"]?.GetValue<string>());
        Assert.Equal(identifier, exempt["exemption"]!["licenseIdentifier"]!.GetValue<string>());

        // 李四 holds no such license: his case still waits for the department's check.
        var lisi = await ApiClient.LoginAsync(factory, "lisi");
        var his = await lisi.OkAsync(lisi.PostAsync("/api/v1/cases", Childcare()));
        Assert.Equal("bundleResult", Material(his, "birth-medical-certificate")!["exemption"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_use_of_a_held_license_is_logged_with_its_purpose_and_shown_to_the_holder_only()
    {
        var zhangsan = await ApiClient.LoginAsync(_factory, "zhangsan");
        var before = await zhangsan.OkAsync(zhangsan.GetAsync("/api/v1/licenses/mine"));
        var marriage = before.AsArray().Single(l => l!["license"]!["name"]!.GetValue<string>() == "结婚证")!;
        var usesBefore = marriage["uses"]!.AsArray().Count;

        var submitted = await Newborn.SubmitAsync(zhangsan);
        var number = submitted["number"]!.GetValue<string>();

        var after = await zhangsan.OkAsync(zhangsan.GetAsync("/api/v1/licenses/mine"));
        var uses = after.AsArray().Single(l => l!["license"]!["name"]!.GetValue<string>() == "结婚证")!["uses"]!.AsArray();
        Assert.Equal(usesBefore + 1, uses.Count);
        var use = uses.Single(u => u!["caseNumber"]?.GetValue<string>() == number)!;
        var purpose = use["purpose"]!.GetValue<string>();
        Assert.StartsWith("办理“新生儿出生", purpose, StringComparison.Ordinal);
        Assert.EndsWith("时代替提交“结婚证”", purpose, StringComparison.Ordinal);
        Assert.Contains("张三（申请人）", use["usedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        // The seeded licenses are signed like the ones issued here.
        Assert.True(after.AsArray().All(l => l!["license"]!["signed"]!.GetValue<bool>()), after.ToJsonString());

        var page = WebUtility.HtmlDecode(await zhangsan.Http.GetStringAsync("/my/licenses"));
        Assert.Contains("用证记录", page, StringComparison.Ordinal);
        Assert.Contains(number, page, StringComparison.Ordinal);

        // Nobody else sees them: 李娟's own 结婚证 was not used.
        var lijuan = await ApiClient.LoginAsync(_factory, "lijuan");
        var hers = await lijuan.OkAsync(lijuan.GetAsync("/api/v1/licenses/mine"));
        Assert.All(hers.AsArray(), l => Assert.DoesNotContain(l!["uses"]!.AsArray(), u => u!["caseNumber"]?.GetValue<string>() == number));
    }

    [Fact]
    public async Task Of_many_licenses_of_one_type_the_valid_one_that_lasts_longest_exempts_the_material()
    {
        // 李四 holds five 出生医学证明 records: expired, revoked, superseded, and two valid ones. The Plan names the
        // valid one that lasts longest, whatever order the database returns them in.
        using var factory = new OneGoFactory();
        const string type = "11100000MB00020006001";
        var today = new DateOnly(2026, 9, 24);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
            LicenseRecord Held(string identifier, DateOnly issued, DateOnly? until, LicenseStatus status) => new()
            {
                Identifier = identifier, TypeCode = type, Name = "出生医学证明", HolderCode = DemoSeed.LiSi, HolderName = "李四",
                IssuerCode = "12360732MB0000000X", IssuedOn = issued, ValidUntil = until, Status = status,
            };
            db.Licenses.AddRange(
                Held("test-expired", today.AddYears(-1), today.AddDays(-1), LicenseStatus.Valid),
                Held("test-revoked", today.AddDays(-3), null, LicenseStatus.Revoked),
                Held("test-superseded", today.AddDays(-2), null, LicenseStatus.Superseded),
                Held("test-valid-1-short", today.AddDays(-1), today.AddYears(1), LicenseStatus.Valid),
                Held("test-valid-2-long", today.AddYears(-2), today.AddYears(3), LicenseStatus.Valid));
            await db.SaveChangesAsync();
        }

        var lisi = await ApiClient.LoginAsync(factory, "lisi");
        var draft = await lisi.OkAsync(lisi.PostAsync("/api/v1/cases", Childcare()));
        var exemption = Material(draft, "birth-medical-certificate")!["exemption"]!;
        Assert.Equal("license", exemption["kind"]!.GetValue<string>());
        Assert.Equal("test-valid-2-long", exemption["licenseIdentifier"]!.GetValue<string>());

        // With both valid ones revoked, nothing the registry holds exempts it any more.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneGoDb>();
            await db.Licenses.Where(l => l.Identifier.StartsWith("test-valid")).ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, LicenseStatus.Revoked));
        }
        var after = await lisi.OkAsync(lisi.PostAsync("/api/v1/cases", Childcare()));
        Assert.NotEqual("license", Material(after, "birth-medical-certificate")!["exemption"]?["kind"]?.GetValue<string>());
    }

    [Fact]
    public async Task The_issuing_department_revokes_with_a_reason_and_the_license_stops_exempting()
    {
        var identifier = await BirthCertificateAsync();
        var health = await ApiClient.ReviewerAsync(_factory, "xg-health");
        var police = await ApiClient.ReviewerAsync(_factory, "xg-police");

        // A reason is required; another department cannot touch it.
        var noReason = await health.PostAsync($"/api/v1/licenses/{identifier}/revocation", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("撤销原因", noReason.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsync($"/api/v1/licenses/{identifier}/revocation", new { reason = "错误" })).Status);

        // Only reviewers may call it at all; anonymous callers are asked to sign in.
        var applicant = await ApiClient.LoginAsync(_factory, "zhangsan");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsync($"/api/v1/licenses/{identifier}/revocation", new { reason = "本人不想要了" })).Status);
        using (var anonymous0 = _factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous0.GetAsync("/api/v1/licenses/mine")).StatusCode);
        }

        var revoked = await health.OkAsync(health.PostAsync($"/api/v1/licenses/{identifier}/revocation", new { reason = "出生医学证明信息有误，已收回" }));
        Assert.Equal("revoked", revoked["status"]!.GetValue<string>());
        var again = await health.PostAsync($"/api/v1/licenses/{identifier}/revocation", new { reason = "再次撤销" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("已", again.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var anonymous = _factory.CreateClient();
        var verification = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/licenses/{identifier}/verification"))!;
        Assert.Equal("revoked", verification["status"]!.GetValue<string>());
        Assert.True(verification["signatureValid"]!.GetValue<bool>());
        Assert.Contains("出生医学证明信息有误", verification["statusDetail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The revoked license no longer makes the material exempt (unless another valid one exists).
        var zhangsan = await ApiClient.LoginAsync(_factory, "zhangsan");
        var draft = await zhangsan.OkAsync(zhangsan.PostAsync("/api/v1/cases", Childcare()));
        Assert.NotEqual(identifier, Material(draft, "birth-medical-certificate")!["exemption"]?["licenseIdentifier"]?.GetValue<string>());
    }

    [Fact]
    public async Task Reissue_increments_the_version_signs_afresh_and_supersedes_the_old_one()
    {
        var identifier = await BirthCertificateAsync();
        var health = await ApiClient.ReviewerAsync(_factory, "xg-health");

        var unknownField = await health.PostAsync($"/api/v1/licenses/{identifier}/reissue", new { reason = "更正", fields = new { shoeSize = "40" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.Status);
        Assert.Contains("shoeSize", unknownField.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var reissued = await health.SendAsync(HttpMethod.Post, $"/api/v1/licenses/{identifier}/reissue", new { reason = "新生儿姓名更正", fields = new { childName = "张晓明" } });
        Assert.Equal(HttpStatusCode.Created, reissued.Status);
        var next = reissued.Body!["identifier"]!.GetValue<string>();
        Assert.True(LicenseIdentifier.TryParse(identifier, out var oldId, out _));
        Assert.True(LicenseIdentifier.TryParse(next, out var newId, out var error), error);
        Assert.Equal(oldId!.Serial, newId!.Serial);
        Assert.Equal(oldId.Version + 1, newId.Version);
        Assert.Equal(2, reissued.Body["version"]!.GetValue<int>());
        Assert.Equal("张晓明", reissued.Body["fields"]!["childName"]!.GetValue<string>());
        Assert.Equal("R360732000123", reissued.Body["fields"]!["certificateNumber"]!.GetValue<string>());

        using var anonymous = _factory.CreateClient();
        var newer = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/licenses/{next}/verification"))!;
        Assert.True(newer["signatureValid"]!.GetValue<bool>(), newer.ToJsonString());
        Assert.Equal("valid", newer["status"]!.GetValue<string>());
        var older = JsonNode.Parse(await anonymous.GetStringAsync($"/api/v1/licenses/{identifier}/verification"))!;
        Assert.Equal("superseded", older["status"]!.GetValue<string>());
        Assert.Equal(next, older["supersededBy"]!.GetValue<string>());

        // The old version can be neither revoked nor re-issued again; the holder's next case uses the new one.
        var stale = await health.PostAsync($"/api/v1/licenses/{identifier}/revocation", new { reason = "误操作" });
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains(next, stale.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var zhangsan = await ApiClient.LoginAsync(_factory, "zhangsan");
        var draft = await zhangsan.OkAsync(zhangsan.PostAsync("/api/v1/cases", Childcare()));
        Assert.NotEqual(identifier, Material(draft, "birth-medical-certificate")!["exemption"]?["licenseIdentifier"]?.GetValue<string>());
    }

    [Fact]
    public async Task Of_two_simultaneous_revocations_exactly_one_wins()
    {
        var identifier = await BirthCertificateAsync();
        var a = await ApiClient.ReviewerAsync(_factory, "xg-health");
        var b = await ApiClient.ReviewerAsync(_factory, "xg-health");
        var results = await Task.WhenAll(
            a.PostAsync($"/api/v1/licenses/{identifier}/revocation", new { reason = "甲撤销" }),
            b.SendAsync(HttpMethod.Post, $"/api/v1/licenses/{identifier}/reissue", new { reason = "乙换发" }));
        Assert.Equal(1, results.Count(r => r.Status is HttpStatusCode.OK or HttpStatusCode.Created));
        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.Conflict));
    }
}
