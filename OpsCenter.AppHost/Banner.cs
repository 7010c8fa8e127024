namespace OpsCenter.AppHost;

internal static class Banner
{
    public static string Text(Uri wallUrl, string dataDirectory, DemoSecrets secrets) => $"""

        ================================================================
          OpsCenter is running.

          Wall screen:  {wallUrl}
          Data folder:  {dataDirectory}  (kept across runs)
          Sign in:      {DemoSecrets.AdminUsername} / {secrets.AdminPassword()}
                        (also in {secrets.AdminPasswordFile};
                         operator, leader and wall accounts in {secrets.DemoAccountsFile})

          Press Ctrl-C to stop everything.
        ================================================================

        """;
}
