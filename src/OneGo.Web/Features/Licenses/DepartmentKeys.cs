using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Licenses;

/// <summary>Configuration under <c>OneGo:Licenses</c>.</summary>
public sealed class LicenseOptions
{
    public const string Section = "OneGo:Licenses";

    /// <summary>Folder of the departments' SM2 key pairs; empty: <c>{DataPath}/license-keys</c>.</summary>
    public string? KeysPath { get; set; }
}

/// <summary>One SM2 key of a department. <see cref="Private"/> is null on a node that only has the public half.</summary>
public sealed record DepartmentKey(
    string Department,
    string KeyId,
    DateTimeOffset CreatedAt,
    ECPublicKeyParameters Public,
    ECPrivateKeyParameters? Private,
    string PublicKeyPem);

/// <summary>A signature and the key that made it.</summary>
public sealed record LicenseSignature(string KeyId, byte[] Signature);

/// <summary>
/// The departments' SM2 key pairs for signing electronic licenses, as PEM files outside git:
/// <c>{keysPath}/{department}/{keyId}.key.pem</c> (PKCS#8, mode 0600) and <c>{keyId}.pub.pem</c>
/// (SubjectPublicKeyInfo); keyId = the first 16 hex characters of SM3 over the public key's DER.
/// </summary>
/// <remarks>
/// A department's first key is generated on first use. The newest key (by the creation time written in the
/// file) signs; older keys stay and keep verifying, so rotation is <see cref="Rotate"/>: a new key, nothing
/// deleted. Creation is serialised across threads and processes by an exclusive lock file per department, and
/// files are written to a temporary name and moved into place, so two nodes on a shared folder agree on one key.
/// Keys are loaded once and cached; a department's folder is re-read at most once a minute (another node
/// rotated) or when an unknown key id is asked for.
/// </remarks>
public sealed partial class DepartmentKeys
{
    /// <summary>Signature algorithm, as published with the keys.</summary>
    public const string Algorithm = "SM2-with-SM3";

    /// <summary>The SM2 user ID (distinguishing identifier) of every signature: GB/T 35276's default.</summary>
    public const string UserId = "1234567812345678";

    private static readonly byte[] UserIdBytes = Encoding.ASCII.GetBytes(UserId);
    private static readonly ECNamedDomainParameters Curve = new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
    private const long RefreshMilliseconds = 60_000;
    private const long UnknownKeyRereadMilliseconds = 5_000;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private const string CreatedPrefix = "Created: ";

    private readonly ConcurrentDictionary<string, Ring> _rings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _gates = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;

    public DepartmentKeys(string keysPath, TimeProvider time, ILogger<DepartmentKeys>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keysPath);
        Root = Path.GetFullPath(keysPath);
        _time = time;
        _logger = logger;
    }

    /// <summary>The folder holding one sub-folder per department.</summary>
    public string Root { get; }

    /// <summary>The department's keys, oldest first, generating the first one if there is none.</summary>
    public IReadOnlyList<DepartmentKey> Keys(string department) => Get(department, create: true).Keys;

    /// <summary>The department's keys on disk, oldest first, without generating any (empty when none).</summary>
    public IReadOnlyList<DepartmentKey> ExistingKeys(string department) => Get(department, create: false).Keys;

    /// <summary>The key that signs for the department now (generated on first use).</summary>
    public DepartmentKey Current(string department) => Get(department, create: true).Current
        ?? throw new InvalidOperationException($"部门 {department} 没有可用于签名的私钥（{Path.Combine(Root, department)}）");

    /// <summary>Signs exactly <paramref name="data"/> with the department's current key (SM2 with SM3, DER signature).</summary>
    public LicenseSignature Sign(string department, ReadOnlySpan<byte> data)
    {
        var key = Current(department);
        // A signer is not thread-safe; one per call costs little next to the signature itself.
        var signer = new SM2Signer(StandardDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(key.Private!, UserIdBytes));
        signer.BlockUpdate(data);
        return new LicenseSignature(key.KeyId, signer.GenerateSignature());
    }

    /// <summary>Whether <paramref name="signature"/> is the department's signature over exactly <paramref name="data"/> with key <paramref name="keyId"/>.</summary>
    public bool Verify(string department, string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Verify(department, keyId, data, signature, out _);

    /// <summary>As <see cref="Verify(string, string, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>; <paramref name="reason"/> says in Chinese why not.</summary>
    public bool Verify(string department, string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, out string reason)
    {
        if (!IsValidDepartment(department))
        {
            reason = $"部门代码“{department}”无效";
            return false;
        }
        var key = Find(department, keyId);
        if (key is null)
        {
            reason = $"部门 {department} 没有编号为“{keyId}”的签名密钥";
            return false;
        }
        var verifier = new SM2Signer(StandardDsaEncoding.Instance, new SM3Digest());
        verifier.Init(false, new ParametersWithID(key.Public, UserIdBytes));
        verifier.BlockUpdate(data);
        bool valid;
        try
        {
            valid = verifier.VerifySignature(signature.ToArray());
        }
        catch (Exception)
        {
            // A garbled signature is simply not a valid one.
            valid = false;
        }
        reason = valid ? string.Empty : "签名与数据不符：数据被改动，或签名不是该密钥所签";
        return valid;
    }

    /// <summary>
    /// Rotation: generates a new key that signs from now on. Older keys are kept and keep verifying what they
    /// signed. Other nodes on the same folder switch within a minute.
    /// </summary>
    public DepartmentKey Rotate(string department)
    {
        RequireValidDepartment(department);
        lock (Gate(department))
        {
            using var fileLock = LockFolder(department);
            var ring = Load(department);
            var created = _time.GetUtcNow();
            if (ring.Keys.Count > 0 && created <= ring.Keys[^1].CreatedAt)
            {
                // The newest key must sort last even when the clock did not move.
                created = ring.Keys[^1].CreatedAt.AddTicks(1);
            }
            var key = Generate(department, created);
            _rings[department] = Load(department);
            return key;
        }
    }

    /// <summary>A department code is a folder name: lowercase letters, digits and hyphens.</summary>
    public static bool IsValidDepartment(string? department) => department is not null && DepartmentCode().IsMatch(department);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex DepartmentCode();

    private DepartmentKey? Find(string department, string keyId)
    {
        var ring = Get(department, create: false);
        var key = ring.Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null && Environment.TickCount64 - ring.LoadedAt > UnknownKeyRereadMilliseconds)
        {
            // Perhaps another node generated it since: re-read (not more than every few seconds).
            ring = Reload(department);
            key = ring.Keys.FirstOrDefault(k => k.KeyId == keyId);
        }
        return key;
    }

    private Ring Get(string department, bool create)
    {
        RequireValidDepartment(department);
        if (Cached(department, create) is { } cached)
        {
            return cached;
        }
        lock (Gate(department))
        {
            if (Cached(department, create) is { } fresh)
            {
                return fresh;
            }
            var ring = Load(department);
            if (ring.Current is null && create)
            {
                using var fileLock = LockFolder(department);
                // Another node may have created the key while this one waited for the lock.
                ring = Load(department);
                if (ring.Current is null)
                {
                    Generate(department, _time.GetUtcNow());
                    ring = Load(department);
                }
            }
            _rings[department] = ring;
            return ring;
        }
    }

    /// <summary>The cached ring while it is fresh (and, to sign, has a private key).</summary>
    private Ring? Cached(string department, bool create) =>
        _rings.TryGetValue(department, out var ring) && (ring.Current is not null || !create) && Environment.TickCount64 - ring.LoadedAt < RefreshMilliseconds
            ? ring
            : null;

    private Ring Reload(string department)
    {
        lock (Gate(department))
        {
            var ring = Load(department);
            _rings[department] = ring;
            return ring;
        }
    }

    private object Gate(string department) => _gates.GetOrAdd(department, _ => new object());

    private static void RequireValidDepartment(string department)
    {
        if (!IsValidDepartment(department))
        {
            throw new ArgumentException($"部门代码“{department}”无效", nameof(department));
        }
    }

    /// <summary>Reads every complete key of the department (a public key file; the private one when present).</summary>
    private Ring Load(string department)
    {
        var folder = Path.Combine(Root, department);
        var keys = new List<DepartmentKey>();
        if (Directory.Exists(folder))
        {
            foreach (var publicPath in Directory.EnumerateFiles(folder, "*.pub.pem"))
            {
                var keyId = Path.GetFileName(publicPath)[..^".pub.pem".Length];
                var (publicDer, created) = ReadPem(publicPath, "PUBLIC KEY");
                var publicKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(publicDer);
                if (KeyIdOf(publicDer) != keyId)
                {
                    throw new InvalidOperationException($"密钥文件 {publicPath} 的内容与文件名中的密钥编号不符");
                }
                var privatePath = Path.Combine(folder, keyId + ".key.pem");
                var privateKey = File.Exists(privatePath)
                    ? (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(ReadPem(privatePath, "PRIVATE KEY").Der)
                    : null;
                keys.Add(new DepartmentKey(department, keyId, created ?? new DateTimeOffset(File.GetLastWriteTimeUtc(publicPath)), publicKey, privateKey, Pem("PUBLIC KEY", publicDer)));
            }
        }
        var ordered = keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList();
        return new Ring(ordered, ordered.LastOrDefault(k => k.Private is not null), Environment.TickCount64);
    }

    /// <summary>Generates a key pair and moves its files into place: the private key first, so a visible public key always has its private half.</summary>
    private DepartmentKey Generate(string department, DateTimeOffset created)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Curve, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var publicDer = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();
        var privateDer = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
        var keyId = KeyIdOf(publicDer);
        var folder = Path.Combine(Root, department);
        var header = $"OneGo license signing key of {department}, {Algorithm}, key id {keyId}\n{CreatedPrefix}{created.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\n";
        WriteAtomically(Path.Combine(folder, keyId + ".key.pem"), header + Pem("PRIVATE KEY", privateDer), secret: true);
        WriteAtomically(Path.Combine(folder, keyId + ".pub.pem"), header + Pem("PUBLIC KEY", publicDer), secret: false);
        if (_logger?.IsEnabled(LogLevel.Information) == true)
        {
            _logger.LogInformation("Generated license signing key {KeyId} of {Department} in {Folder}", keyId, department, folder);
        }
        return new DepartmentKey(department, keyId, created, (ECPublicKeyParameters)pair.Public, (ECPrivateKeyParameters)pair.Private, Pem("PUBLIC KEY", publicDer));
    }

    private static void WriteAtomically(string path, string content, bool secret)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: false);
    }

    /// <summary>An exclusive lock on the department's folder, across threads and processes (and nodes, on a folder with working locks).</summary>
    private FileStream LockFolder(string department)
    {
        var folder = Path.Combine(Root, department);
        Directory.CreateDirectory(folder);
        var lockPath = Path.Combine(folder, ".lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(20);
            }
        }
    }

    internal static string KeyIdOf(byte[] publicKeyDer) => Sm3.Hex(publicKeyDer)[..16];

    private static string Pem(string label, byte[] der)
    {
        var builder = new StringBuilder().Append("-----BEGIN ").Append(label).Append("-----\n");
        var base64 = Convert.ToBase64String(der);
        for (var i = 0; i < base64.Length; i += 64)
        {
            builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }
        return builder.Append("-----END ").Append(label).Append("-----\n").ToString();
    }

    /// <summary>The DER of a PEM file's block, and the creation time from the explanatory text before it (RFC 7468 allows such text).</summary>
    private static (byte[] Der, DateTimeOffset? Created) ReadPem(string path, string label)
    {
        var lines = File.ReadAllLines(path);
        var begin = Array.IndexOf(lines, $"-----BEGIN {label}-----");
        var end = Array.IndexOf(lines, $"-----END {label}-----");
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"密钥文件 {path} 不是 {label} PEM 格式");
        }
        DateTimeOffset? created = null;
        foreach (var line in lines.Take(begin))
        {
            if (line.StartsWith(CreatedPrefix, StringComparison.Ordinal)
                && DateTimeOffset.TryParse(line[CreatedPrefix.Length..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                created = parsed;
            }
        }
        return (Convert.FromBase64String(string.Concat(lines[(begin + 1)..end])), created);
    }

    /// <summary>A department's keys as loaded, oldest first, the newest one with a private half, and when (<see cref="Environment.TickCount64"/>).</summary>
    private sealed record Ring(IReadOnlyList<DepartmentKey> Keys, DepartmentKey? Current, long LoadedAt);
}
