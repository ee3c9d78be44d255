namespace OneGo.Benchmarks;

internal static class BenchCatalog
{
    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "catalog");
            if (File.Exists(Path.Combine(dir.FullName, "OneGo.slnx")) && System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("Run from inside the repository: catalog/ not found.");
    }
}
