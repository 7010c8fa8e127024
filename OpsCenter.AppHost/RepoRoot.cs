namespace OpsCenter.AppHost;

/// <summary>The repository the run command was built from: the folder holding OpsCenter.slnx.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        // The program's own folder first: it is built inside the repository it belongs to, wherever it is run from.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "OpsCenter.slnx")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new InvalidOperationException("OpsCenter.slnx not found above the current or the program's folder.");
    }
}
