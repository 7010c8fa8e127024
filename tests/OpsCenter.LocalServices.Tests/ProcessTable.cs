namespace OpsCenter.LocalServices.Tests;

/// <summary>What /proc says about processes: the ground truth for "nothing left behind".</summary>
internal static class ProcessTable
{
    /// <summary>True while <paramref name="pid"/> is a live process (a zombie counts as gone: it runs nothing).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task")
                .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse)
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive; false if some still are after the timeout.</summary>
    public static async Task<bool> AllGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var list = pids.ToList();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = DateTime.UtcNow + timeout;
        while (list.Any(IsAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await timer.WaitForNextTickAsync();
        }
        return true;
    }
}
