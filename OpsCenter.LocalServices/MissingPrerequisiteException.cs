namespace OpsCenter.LocalServices;

/// <summary>A server binary is not installed; the message names the Debian package that provides it.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message)
{
    /// <summary>Returns <paramref name="path"/> if it exists, else throws naming <paramref name="debianPackage"/>.</summary>
    public static string RequireFile(string path, string debianPackage) =>
        File.Exists(path) ? path : throw Missing(path, debianPackage);

    /// <summary>Finds <paramref name="name"/> on PATH (and the sbin folders root has but others may not).</summary>
    public static string RequireOnPath(string name, string debianPackage)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
            ?? throw Missing(name, debianPackage);
    }

    private static MissingPrerequisiteException Missing(string what, string debianPackage) =>
        new($"'{what}' was not found. Install the Debian package '{debianPackage}' " +
            $"(apt-get install {debianPackage}), or run scripts/install-prerequisites.sh.");
}
