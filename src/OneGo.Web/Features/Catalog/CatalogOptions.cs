namespace OneGo.Web.Features.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "OneGo:Catalog";

    /// <summary>Folder of catalog files. Relative paths resolve against the content root, then its parents.</summary>
    public string Path { get; set; } = "catalog";

    /// <summary>Locates the catalog folder: as given, or the nearest <c>catalog/</c> above the content root.</summary>
    public string Resolve(string contentRoot)
    {
        if (System.IO.Path.IsPathRooted(Path))
        {
            return Path;
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, Path);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return System.IO.Path.Combine(contentRoot, Path);
    }
}
