using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Catalog;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Catalog;

/// <summary>The result of publishing: the new (or unchanged) version, or the lint errors that stopped it.</summary>
public sealed record PublishResult(bool Published, int? Version, string Message, IReadOnlyList<string> Errors);

/// <summary>
/// Published catalog versions in the database. Cases pin the version they were submitted under, so a
/// version is immutable; loaded versions are cached by number. The latest version is re-read at most every
/// few seconds, so a publication on one node reaches the others.
/// </summary>
public sealed class PublishedCatalogs(TimeProvider time)
{
    private static readonly TimeSpan LatestRefresh = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<int, Lazy<ServiceCatalog>> _versions = new();
    private (int Version, DateTimeOffset CheckedAt)? _latest;

    /// <summary>The latest published version and its catalog.</summary>
    public async Task<(int Version, ServiceCatalog Catalog)> CurrentAsync(OneGoDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_latest is not { } latest || now - latest.CheckedAt > LatestRefresh)
        {
            var version = await db.CatalogVersions.MaxAsync(v => (int?)v.Version, cancellationToken)
                ?? throw new InvalidOperationException("尚未发布任何目录版本");
            latest = (version, now);
            _latest = latest;
        }
        return (latest.Version, await GetAsync(db, latest.Version, cancellationToken));
    }

    /// <summary>A published version's catalog (cached: versions never change).</summary>
    public async Task<ServiceCatalog> GetAsync(OneGoDb db, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached.Value;
        }
        var files = await db.CatalogFiles.AsNoTracking().Where(f => f.Version == version).OrderBy(f => f.Path)
            .Select(f => new { f.Path, f.Content }).ToListAsync(cancellationToken);
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"目录版本 {version} 不存在");
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var lazy = _versions.GetOrAdd(version, _ => new Lazy<ServiceCatalog>(() => CatalogLoader.LoadFiles(files.Select(f => (f.Path, f.Content)), today).Catalog));
        return lazy.Value;
    }

    /// <summary>
    /// Publishes the catalog files of <paramref name="folder"/> as a new version, unless they have lint errors
    /// or equal the latest version.
    /// </summary>
    public async Task<PublishResult> PublishAsync(OneGoDb db, string folder, string publishedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var files = CatalogLoader.ReadFiles(folder);
        var result = CatalogLoader.LoadFiles(files, today);
        if (result.HasErrors)
        {
            var errors = result.Errors.Select(e => e.ToString()).ToList();
            return new PublishResult(false, null, $"目录有 {errors.Count} 个错误，未发布", errors);
        }
        var hash = HashOf(files);
        var latest = await db.CatalogVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentHash == hash)
        {
            return new PublishResult(false, latest.Version, $"目录与已发布的第 {latest.Version} 版相同，无需发布", []);
        }
        var version = (latest?.Version ?? 0) + 1;
        var record = new CatalogVersionRecord
        {
            Version = version,
            PublishedAt = now,
            PublishedBy = publishedBy,
            ContentHash = hash,
            Bundles = result.Catalog.Bundles.Count,
            Matters = result.Catalog.Matters.Count,
            Files = files.Select(f => new CatalogFileRecord { Version = version, Path = f.Path, Content = f.Text }).ToList(),
        };
        db.CatalogVersions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        _versions.TryAdd(version, new Lazy<ServiceCatalog>(result.Catalog));
        _latest = null;
        return new PublishResult(true, version, $"已发布第 {version} 版目录：{record.Bundles} 个一件事、{record.Matters} 个事项", []);
    }

    private static string HashOf(IEnumerable<(string Path, string Text)> files)
    {
        var builder = new StringBuilder();
        foreach (var (path, text) in files)
        {
            builder.Append(path).Append('\0').Append(text.Length).Append('\0').Append(text).Append('\0');
        }
        return Sm3.Hex(builder.ToString());
    }
}
