namespace OpsCenter.Tests.Shared;

/// <summary>Where the repository and the built services are, seen from a test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: whatever this test assembly was built as, so the services match it.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ServiceDll(string project, string? assembly = null) =>
        Path.Combine(Root, project, "bin", Configuration, "net10.0", (assembly ?? Path.GetFileName(project)) + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsCenter.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (OpsCenter.slnx) above " + AppContext.BaseDirectory);
    }
}
