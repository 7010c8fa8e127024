using System.Runtime.InteropServices;

namespace OpsCenter.LocalServices;

internal static partial class NativeMethods
{
    internal const int SigKill = 9;

    /// <summary>kill(2): Process.Kill only sends SIGKILL, and servers need a chance to flush first.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    internal static bool IsRoot => GetEffectiveUserId() == 0;
}
