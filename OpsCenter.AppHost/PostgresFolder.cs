using System.Security.Cryptography;
using System.Text;

namespace OpsCenter.AppHost;

/// <summary>
/// PostgreSQL runs as user postgres, which cannot pass through a private folder such as /root (mode 0700), where a
/// clone often lands. Then its cluster lives under /var/lib/opscenter instead, one folder per data folder, so the run
/// command still works from any clone and a restart still finds the same data.
/// </summary>
internal static class PostgresFolder
{
    public static string Choose(string dataDirectory, ConsoleLog log)
    {
        var preferred = Path.Combine(dataDirectory, "postgres");
        if (OperatingSystem.IsWindows() || Environment.UserName != "root" || Reachable(dataDirectory))
            return preferred;

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..12].ToLowerInvariant();
        var fallback = Path.Combine("/var/lib/opscenter", key, "postgres");
        log.Info($"{dataDirectory} is inside a private folder that user postgres cannot enter; PostgreSQL keeps its data in {fallback}");
        Directory.CreateDirectory(Path.GetDirectoryName(fallback)!);
        File.WriteAllText(Path.Combine(dataDirectory, "postgres-location.txt"), fallback + "\n");
        return fallback;
    }

    /// <summary>True when every folder from / down to <paramref name="folder"/> lets others pass (o+x).</summary>
    private static bool Reachable(string folder)
    {
        if (OperatingSystem.IsWindows())
            return true;
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && !dir.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
                return false;
        }
        return true;
    }
}
