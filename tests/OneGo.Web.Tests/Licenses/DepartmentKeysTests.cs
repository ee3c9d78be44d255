using System.Text;
using Microsoft.Extensions.Time.Testing;
using OneGo.Web.Features.Licenses;

namespace OneGo.Web.Tests.Licenses;

/// <summary>The departments' SM2 keys on disk: signing, verifying, rotation, restarts and concurrent first use.</summary>
public sealed class DepartmentKeysTests : IDisposable
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("{\"ZZMC\":\"出生医学证明\"}");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onego-license-keys-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 24, 1, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private DepartmentKeys NewService() => new(_folder, _time);

    [Fact]
    public void ASignature_Verifies()
    {
        var keys = NewService();

        var signature = keys.Sign("xg-health", Data);

        Assert.Equal(16, signature.KeyId.Length);
        Assert.True(keys.Verify("xg-health", signature.KeyId, Data, signature.Signature, out var reason), reason);
        Assert.Equal(string.Empty, reason);
    }

    [Fact]
    public void OneFlippedByte_FailsVerification()
    {
        var keys = NewService();
        var signature = keys.Sign("xg-health", Data);
        var tampered = Data.ToArray();
        tampered[3] ^= 0x01;

        Assert.False(keys.Verify("xg-health", signature.KeyId, tampered, signature.Signature, out var reason));
        Assert.Contains("签名与数据不符", reason);
    }

    [Fact]
    public void AGarbledSignature_IsFalseNotAnException()
    {
        var keys = NewService();
        var signature = keys.Sign("xg-health", Data);

        Assert.False(keys.Verify("xg-health", signature.KeyId, Data, new byte[] { 0x30, 0x03, 0x02, 0x01 }));
        Assert.False(keys.Verify("xg-health", signature.KeyId, Data, []));
        Assert.False(keys.Verify("xg-health", signature.KeyId, Data, signature.Signature.AsSpan(0, signature.Signature.Length - 1)));
    }

    [Fact]
    public void AnotherDepartmentsSignature_FailsVerification()
    {
        var keys = NewService();
        var police = keys.Sign("xg-police", Data);
        var health = keys.Current("xg-health");

        // With the health key's id the police signature does not verify, and the police key is not the health department's.
        Assert.False(keys.Verify("xg-health", health.KeyId, Data, police.Signature));
        Assert.False(keys.Verify("xg-health", police.KeyId, Data, police.Signature, out var reason));
        Assert.Contains("没有编号为", reason);
    }

    [Fact]
    public void AnUnknownKey_IsFalseWithAReason()
    {
        var keys = NewService();
        var signature = keys.Sign("xg-health", Data);

        Assert.False(keys.Verify("xg-health", "0000000000000000", Data, signature.Signature, out var reason));
        Assert.Contains("0000000000000000", reason);
        Assert.False(keys.Verify("../etc", signature.KeyId, Data, signature.Signature, out reason));
        Assert.Contains("无效", reason);
    }

    [Fact]
    public void AfterRotation_OldSignaturesVerifyAndNewOnesUseTheNewKey()
    {
        var keys = NewService();
        var old = keys.Sign("xg-health", Data);

        _time.Advance(TimeSpan.FromDays(365));
        var rotated = keys.Rotate("xg-health");
        var fresh = keys.Sign("xg-health", Data);

        Assert.NotEqual(old.KeyId, rotated.KeyId);
        Assert.Equal(rotated.KeyId, fresh.KeyId);
        Assert.True(keys.Verify("xg-health", old.KeyId, Data, old.Signature));
        Assert.True(keys.Verify("xg-health", fresh.KeyId, Data, fresh.Signature));
        Assert.False(keys.Verify("xg-health", fresh.KeyId, Data, old.Signature));
        Assert.Equal(new[] { old.KeyId, fresh.KeyId }, keys.Keys("xg-health").Select(k => k.KeyId));

        // A restarted node sees the same order: the newest key signs.
        var restarted = NewService();
        Assert.Equal(fresh.KeyId, restarted.Current("xg-health").KeyId);
        Assert.True(restarted.Verify("xg-health", old.KeyId, Data, old.Signature));
    }

    [Fact]
    public void RotationWithoutTheClockMoving_StillMakesTheNewKeyCurrent()
    {
        var keys = NewService();
        var first = keys.Current("xg-health");

        var second = keys.Rotate("xg-health");

        Assert.True(second.CreatedAt > first.CreatedAt);
        Assert.Equal(second.KeyId, NewService().Current("xg-health").KeyId);
    }

    [Fact]
    public void Keys_SurviveARestart()
    {
        var signature = NewService().Sign("xg-police", Data);
        var before = NewService().Keys("xg-police").Select(k => k.KeyId).ToList();

        var restarted = NewService();

        Assert.Equal(before, restarted.Keys("xg-police").Select(k => k.KeyId));
        Assert.Single(before);
        Assert.Equal(signature.KeyId, restarted.Current("xg-police").KeyId);
        Assert.True(restarted.Verify("xg-police", signature.KeyId, Data, signature.Signature));
    }

    [Fact]
    public void Files_FollowTheLayout()
    {
        var key = NewService().Current("xg-police");
        var folder = Path.Combine(_folder, "xg-police");

        var privatePath = Path.Combine(folder, key.KeyId + ".key.pem");
        var publicPath = Path.Combine(folder, key.KeyId + ".pub.pem");
        Assert.Contains("-----BEGIN PRIVATE KEY-----", File.ReadAllText(privatePath));
        Assert.Contains("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicPath));
        Assert.Equal(key.PublicKeyPem, File.ReadAllText(publicPath)[File.ReadAllText(publicPath).IndexOf("-----BEGIN", StringComparison.Ordinal)..]);
        Assert.Matches("^[0-9a-f]{16}$", key.KeyId);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        }
    }

    [Fact]
    public async Task TwoNodesCreatingTheFirstKeyAtOnce_EndWithOneKey()
    {
        // Two services over one folder stand for two nodes; eight threads race for the first key.
        var nodes = new[] { NewService(), NewService() };
        using var start = new Barrier(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return nodes[i % 2].Sign("xg-civil", Data);
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        var keyIds = results.Select(r => r.KeyId).Distinct().ToList();
        Assert.Single(keyIds);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "xg-civil"), "*.pub.pem"));
        Assert.All(results, r => Assert.True(nodes[1].Verify("xg-civil", r.KeyId, Data, r.Signature)));
        Assert.Equal(keyIds[0], NewService().Current("xg-civil").KeyId);
    }

    [Fact]
    public void ADepartmentCodeThatIsNotAFolderName_IsRefused()
    {
        var keys = NewService();

        Assert.Throws<ArgumentException>(() => keys.Sign("../x", Data));
        Assert.Throws<ArgumentException>(() => keys.Sign("", Data));
    }
}
