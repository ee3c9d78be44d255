namespace OneGo.Web.Tests;

/// <summary>Files worth looking at after a run (screenshots, rendered documents): <c>artifacts/screenshots</c> or <c>ONEGO_ARTIFACTS</c>.</summary>
public static class Artifacts
{
    public static string Folder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("ONEGO_ARTIFACTS") ?? Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static void Keep(string file, string name) => File.Copy(file, Path.Combine(Folder, name), overwrite: true);

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OneGo.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? Path.GetTempPath();
    }
}
