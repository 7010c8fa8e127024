namespace OpsCenter.AppHost;

internal static class Banner
{
    public static string Text(Uri wallUrl, string dataDirectory) => $"""

        ================================================================
          OpsCenter is running.

          Wall screen:  {wallUrl}
          Data folder:  {dataDirectory}  (kept across runs)

          Press Ctrl-C to stop everything.
        ================================================================

        """;
}
