using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace OneGo.Web.Infrastructure;

/// <summary>SM3 (GB/T 32905-2016) as lowercase hex.</summary>
public static class Sm3
{
    public static string Hex(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        Span<byte> output = stackalloc byte[32];
        digest.DoFinal(output);
        return Convert.ToHexStringLower(output);
    }

    public static string Hex(string text) => Hex(Encoding.UTF8.GetBytes(text));

    /// <summary>SM3 of a whole stream, for uploads.</summary>
    public static string Hex(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var digest = new SM3Digest();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            digest.BlockUpdate(buffer, 0, read);
        }
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }
}
