using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OneGo.Web.Features.Licenses;

namespace OneGo.Web.Tests.Licenses;

/// <summary>
/// OpenSSL 3 verifies OneGo's license signatures with the published public key, exactly as docs/api.md says.
/// The test fails when <c>openssl</c> is missing: test.sh installs it.
/// </summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onego-openssl-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task OpenSsl_VerifiesASignatureAndRejectsATamperedFile()
    {
        var keys = new DepartmentKeys(Path.Combine(_folder, "keys"), new FakeTimeProvider());
        var data = Encoding.UTF8.GetBytes("{\"ZZMC\":\"出生医学证明\",\"CZZT\":\"张小明\"}");
        var signature = keys.Sign("xg-health", data);
        var work = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "pub.pem"), keys.Current("xg-health").PublicKeyPem);
        await File.WriteAllBytesAsync(Path.Combine(work, "sig.der"), signature.Signature);
        await File.WriteAllBytesAsync(Path.Combine(work, "data.bin"), data);
        var tampered = data.ToArray();
        tampered[^2] ^= 0x01;
        await File.WriteAllBytesAsync(Path.Combine(work, "tampered.bin"), tampered);

        var (exit, output) = await OpenSsl(work, "data.bin");
        Assert.True(exit == 0, output);
        Assert.Contains("Verified OK", output);

        (exit, output) = await OpenSsl(work, "tampered.bin");
        Assert.NotEqual(0, exit);
        Assert.Contains("Verification failure", output);
    }

    /// <summary>openssl dgst -sm3 -verify pub.pem -signature sig.der -sigopt distid:1234567812345678 {file}.</summary>
    private static async Task<(int Exit, string Output)> OpenSsl(string folder, string file)
    {
        var start = new ProcessStartInfo("openssl")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "dgst", "-sm3", "-verify", "pub.pem", "-signature", "sig.der", "-sigopt", "distid:" + DepartmentKeys.UserId, file })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("openssl is not on PATH; install it (Debian: apt-get install openssl) — test.sh does", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
    }
}
