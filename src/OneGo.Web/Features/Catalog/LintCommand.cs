using OneGo.Domain.Catalog;

namespace OneGo.Web.Features.Catalog;

/// <summary>
/// <c>dotnet run --project src/OneGo.Web -- lint [folder]</c>: loads the whole catalog and prints every
/// problem with file and line; exits 1 when there is any error.
/// </summary>
public static class LintCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        // `dotnet run` starts in the project folder: a relative path is looked up from there upwards,
        // so both `lint` and `lint catalog` find the repository's catalog.
        var options = args.Length > 1 ? new CatalogOptions { Path = args[1] } : new CatalogOptions();
        var directory = options.Resolve(System.IO.Directory.GetCurrentDirectory());
        if (!System.IO.Directory.Exists(directory))
        {
            output.WriteLine($"目录文件夹不存在：{directory}");
            return 2;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (catalog, issues) = Check(directory, DateOnly.FromDateTime(DateTime.Now));
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        foreach (var issue in issues)
        {
            output.WriteLine(issue.ToString());
        }
        var errors = issues.Count(i => i.Severity == LintSeverity.Error);
        var warnings = issues.Count - errors;
        output.WriteLine(
            $"{directory}: {catalog.Bundles.Count} 个一件事，{catalog.Matters.Count} 个事项，{catalog.Departments.Count} 个部门，" +
            $"{catalog.Fields.Count} 个表单项，{catalog.Materials.Count} 种材料；{errors} 个错误，{warnings} 个警告（{elapsed.TotalMilliseconds:0} ms）");
        return errors > 0 ? 1 : 0;
    }

    /// <summary>Loads the catalog folder and returns what it defines and its problems, errors first, by file and line.</summary>
    public static (ServiceCatalog Catalog, IReadOnlyList<LintIssue> Issues) Check(string directory, DateOnly today)
    {
        var result = CatalogLoader.Load(directory, today);
        return (result.Catalog, result.Issues.OrderBy(i => i.Severity).ThenBy(i => i.Location.File, StringComparer.Ordinal).ThenBy(i => i.Location.Line).ToList());
    }
}
