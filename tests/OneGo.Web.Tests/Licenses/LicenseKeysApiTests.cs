using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneGo.Web.Features.Licenses;
using OneGo.Web.Tests.Api;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace OneGo.Web.Tests.Licenses;

/// <summary>GET /api/v1/licenses/keys: every department's public keys, anonymously, for anyone who verifies a license.</summary>
public class LicenseKeysApiTests(OneGoFactory factory) : IClassFixture<OneGoFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Keys_AreListedAnonymouslyForEveryDepartment()
    {
        var response = await client.GetAsync("/api/v1/licenses/keys");
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("兴国县卫生健康委员会", raw); // Chinese unescaped
        var keys = JsonDocument.Parse(raw).RootElement.EnumerateArray().ToList();
        var health = keys.Single(k => k.GetProperty("department").GetString() == "xg-health");
        Assert.Equal("兴国县卫生健康委员会", health.GetProperty("departmentName").GetString());
        Assert.Equal("11360732MB0001000L", health.GetProperty("creditCode").GetString());
        Assert.Equal("SM2-with-SM3", health.GetProperty("algorithm").GetString());
        Assert.Equal("1234567812345678", health.GetProperty("userId").GetString());
        Assert.True(health.GetProperty("current").GetBoolean());
        Assert.Matches("^[0-9a-f]{16}$", health.GetProperty("keyId").GetString());
        Assert.True(keys.Select(k => k.GetProperty("department").GetString()).Distinct().Count() >= 10);
        Assert.All(keys, k => Assert.IsType<ECPublicKeyParameters>(ParsePem(k.GetProperty("publicKeyPem").GetString()!)));
    }

    [Fact]
    public async Task OneDepartmentsKeys_VerifyItsSignatures()
    {
        var signature = factory.Services.GetRequiredService<DepartmentKeys>().Sign("xg-police", "证照数据"u8);

        var keys = (await client.GetFromJsonAsync<JsonElement>("/api/v1/licenses/keys/xg-police")).EnumerateArray().ToList();

        var key = Assert.Single(keys);
        Assert.Equal(signature.KeyId, key.GetProperty("keyId").GetString());
        Assert.Equal("兴国县公安局", key.GetProperty("departmentName").GetString());
        var publicKey = (ECPublicKeyParameters)ParsePem(key.GetProperty("publicKeyPem").GetString()!);
        var verifier = new Org.BouncyCastle.Crypto.Signers.SM2Signer(Org.BouncyCastle.Crypto.Signers.StandardDsaEncoding.Instance, new Org.BouncyCastle.Crypto.Digests.SM3Digest());
        verifier.Init(false, new ParametersWithID(publicKey, Encoding.ASCII.GetBytes(key.GetProperty("userId").GetString()!)));
        verifier.BlockUpdate("证照数据"u8);
        Assert.True(verifier.VerifySignature(signature.Signature));
    }

    [Fact]
    public async Task ARotatedDepartment_ListsItsOldKeyTooAndMarksTheNewOneCurrent()
    {
        var keys = factory.Services.GetRequiredService<DepartmentKeys>();
        var old = keys.Current("xg-tax");
        var rotated = keys.Rotate("xg-tax");

        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/v1/licenses/keys")).EnumerateArray()
            .Where(k => k.GetProperty("department").GetString() == "xg-tax")
            .Select(k => (KeyId: k.GetProperty("keyId").GetString()!, Current: k.GetProperty("current").GetBoolean()))
            .ToList();

        Assert.Equal(new[] { (old.KeyId, false), (rotated.KeyId, true) }, listed);
    }

    [Theory]
    [InlineData("xg-nowhere")]
    [InlineData("XG-POLICE")]
    public async Task AnUnknownDepartment_IsAChineseNotFound(string department)
    {
        var response = await client.GetAsync($"/api/v1/licenses/keys/{department}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("department-not-found", problem.GetProperty("code").GetString());
        Assert.Contains("没有代码为", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheEndpoints_AreInTheOpenApiDocument()
    {
        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/licenses/keys/{department}", document);
        Assert.Contains("Licenses", document);
    }

    private static Org.BouncyCastle.Crypto.AsymmetricKeyParameter ParsePem(string pem)
    {
        var body = string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", pem);
        return PublicKeyFactory.CreateKey(Convert.FromBase64String(body));
    }
}
