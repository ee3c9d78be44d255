using OneGo.Domain.Catalog;

namespace OneGo.Web.Features.Catalog;

/// <summary>"我要办…": the search behind the service zone and <c>GET /api/v1/bundles?q=</c>.</summary>
public static class BundleSearch
{
    /// <summary>
    /// The bundles of <paramref name="category"/> (all when null) matching every term of <paramref name="query"/>,
    /// best match first; catalog order within the same relevance.
    /// </summary>
    public static IReadOnlyList<Bundle> Find(ServiceCatalog catalog, BundleCategory? category, string? query)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var terms = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return catalog.Bundles
            .Where(b => category is null || b.Category == category)
            .Select(b => (Bundle: b, Score: terms.Length == 0 ? 1 : terms.Min(t => Relevance(b, t, catalog))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score) // stable: catalog order within a score
            .Select(x => x.Bundle)
            .ToList();
    }

    /// <summary>Departments a bundle brings together (its lead department and every matter's department).</summary>
    public static int DepartmentCount(Bundle bundle, ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(catalog);
        return bundle.Matters
            .Select(m => catalog.MattersByCode.TryGetValue(m.Matter, out var matter) ? matter.Department : null)
            .OfType<string>()
            .Append(bundle.LeadDepartment)
            .Distinct(StringComparer.Ordinal)
            .Count();
    }

    /// <summary>
    /// How well a term matches — the bundle's name or code (3), its theme or keywords (2), its summary or the
    /// name of one of its matters (1), or not at all (0).
    /// </summary>
    private static int Relevance(Bundle bundle, string term, ServiceCatalog catalog)
    {
        if (bundle.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || bundle.Code.Contains(term, StringComparison.OrdinalIgnoreCase))
        {
            return 3;
        }
        if (bundle.Theme.Contains(term, StringComparison.OrdinalIgnoreCase)
            || bundle.Keywords.Any(k => k.Contains(term, StringComparison.OrdinalIgnoreCase) || term.Contains(k, StringComparison.OrdinalIgnoreCase)))
        {
            return 2;
        }
        if (bundle.Summary?.Contains(term, StringComparison.OrdinalIgnoreCase) == true)
        {
            return 1;
        }
        return bundle.Matters.Any(m => catalog.MattersByCode.TryGetValue(m.Matter, out var matter) && matter.Name.Contains(term, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
    }
}
